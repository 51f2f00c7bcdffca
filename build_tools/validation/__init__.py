"""Reading editors' YAML files and turning every problem into a precise `InputError`."""
