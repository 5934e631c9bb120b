"""Rasa input channels that pass every customer message through eparaksts.channels.guard."""
