"""The case desk: the project's own small aiohttp service that owns the cases the assistant files
(urgent cases, applications, feedback) and the customers' ratings of answers.

The JSON API for the action server lives under /api/ (desk/api/); staff web pages are meant to
join later as desk/web/ in the same application (desk/app.py wires both).
"""
