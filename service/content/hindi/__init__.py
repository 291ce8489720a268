"""The Hindi edition's house style and the checks a Hindi sub-editor would run on its text."""
