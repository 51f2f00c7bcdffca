"""A source's earlier editions, read: their texts and manifests, and which one was in force when."""
