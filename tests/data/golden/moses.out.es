El ejército entró.
Nadie resultó herido.
Las conversaciones terminaron [b]hoy[/b].
El ejército entró.
