"""Custom actions of the eParaksts assistant, served by `rasa run actions` (rasa_sdk).

One module per capability; external systems sit behind one client each in actions/clients/.
"""
