"""A few lines standing in for a word library from PyPI: picks words from a list."""
import random

# The word list lives in its own module so that another layer can replace it.
from .words import WORDS


def generate(count=1):
    """`count` random words from the list, as a list."""
    return [random.choice(WORDS) for _ in range(count)]
