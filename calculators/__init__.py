"""Weilidai overdue calculators: exact (Decimal, half-up to the fen), standard library only.

Runs unchanged in CPython 3.11+ and Pyodide. Importing the package does no work; the browser
and page builds call ``calculators.web.compute``; the command line is ``python -m calculators``.
"""

from .errors import CalculatorInputError

__all__ = ["CalculatorInputError"]
__version__ = "0.1.0"
