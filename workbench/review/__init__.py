"""The review UI (Textual). It talks to the store and the pure edit functions, never to SQL."""
