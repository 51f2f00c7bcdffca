"""Options of the `policy-reader` MkDocs plugin: one per field of `PluginOptions`, with its default.

The options are written once, in build_tools/finish/settings.py, which every generator's settings are
read by; MkDocs gets them as config options made from those fields, so it checks their types itself.
"""

from __future__ import annotations

import enum
from dataclasses import Field, fields

from mkdocs.config import base
from mkdocs.config import config_options as opt

from build_tools.finish.settings import DEFAULTS, PluginOptions


def _config_option(option: Field[object]) -> base.BaseConfigOption[object]:
    """The MkDocs config option of one of the plugin's options: its type and default, or its choices."""
    default = getattr(DEFAULTS, option.name)
    if isinstance(default, enum.Enum):
        return opt.Choice([choice.value for choice in type(default)], default=default.value)
    return opt.Type(type(default), default=default)


#: ``plugins: - policy-reader: {...}`` in mkdocs.yml, as MkDocs reads it (`PluginOptions` says what each does).
PolicyReaderConfig: type[base.Config] = type(
    "PolicyReaderConfig",
    (base.Config,),
    {"__module__": __name__, **{option.name: _config_option(option) for option in fields(PluginOptions)}},
)
