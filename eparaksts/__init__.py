"""Shared logic of the eParaksts assistant: calendar, language, text normalisation.

Used by the Rasa NLU components (eparaksts.components), the channel and the action server.
"""
