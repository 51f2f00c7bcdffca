"""The `policy-reader` command and what its sub-commands report."""
