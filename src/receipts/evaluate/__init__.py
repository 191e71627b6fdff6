"""Evaluation against public data sets and our own labelled sets. Prints numbers anyone can rerun."""
