"""Models, figures and widgets for the course."""
