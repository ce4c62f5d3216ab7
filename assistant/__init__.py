"""Legal assistant for women workers: statute retrieval, grounded answers and rights-claim documents."""

__version__ = "0.1.0"
