"""botocore inside the emulator: the parts boto3's clients need (see boto3/__init__.py)."""
__version__ = "1.40.0+workbook"
