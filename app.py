"""Conflict map (``streamlit run app.py [-- --workspace W.gpkg | --corpus DIR]``): a thin launcher
for the app shipped in the package (:mod:`geo.app.main`; ``geo app`` runs the same)."""
from geo.app.main import main

main()
