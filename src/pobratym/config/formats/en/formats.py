"""English formats where the platform differs from Django's American defaults.

The people reading English here are offices in Germany and Ukraine: times on the 24-hour clock
("14:53, Kyiv time", as in both cities), not "2:53 p.m.". Everything else is Django's `en`.
"""

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "N j, Y, H:i"
SHORT_DATETIME_FORMAT = "m/d/Y H:i"
