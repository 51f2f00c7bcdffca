"""The glossary: terms editors define in ``glossary.yaml``, found and explained in the essays."""
