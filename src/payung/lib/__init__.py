"""Pure helpers every app may use: no models, no Django apps, no imports from payung apps."""
