"""Pure-Python logic behind the Interview Recovery Playbooks widgets.

Nothing here touches the DOM or the file system: every public function takes
plain data and returns plain data, so the same code runs under CPython in the
tests and under Pyodide in the visitor's browser.
"""

__version__ = "0.1.0"
