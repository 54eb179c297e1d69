"""brandsite: a showcase site for Party-building brands, built on MkDocs and Material."""

__version__ = "0.1.0"
