"""Report rendering beyond the plain findings: the Allure HTML."""
