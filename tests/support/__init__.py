"""Helpers the tests share: builders of real DOCX/PDF files and gold comparison."""
