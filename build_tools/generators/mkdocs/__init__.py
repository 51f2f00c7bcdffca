"""The MkDocs plugin: wires the plain-Python core into a build. Nothing else imports MkDocs."""
