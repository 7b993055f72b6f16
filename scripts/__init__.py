"""Build, cleaning and benchmark steps; the executables beside this file are the entry points."""
