"""Ukrainian date formats where Django's differ from Ukrainian usage (FORMAT_MODULE_PATH).

Django writes "03 грудня 2026 р." (a zero-padded day) and "03 грудень" (the month in the
nominative after a day). Ukrainian writes the day without a zero and the month in the genitive:
"3 грудня 2026 р.", "3 грудня". Everything else comes from Django's `uk` formats.
"""

DATE_FORMAT = "j E Y р."
DATETIME_FORMAT = "j E Y р., H:i"
MONTH_DAY_FORMAT = "j E"
