"""`python -m build_tools` is the `policy-reader` command."""

import sys

from build_tools.commands.cli import main

sys.exit(main())
