"""Aid spreadsheets: XLSX templates, all-or-nothing imports and exports of aid lists.

`columns` parse cells, `reading` turns an upload into records or every problem it has,
`writing` makes exports and templates; `needs`, `offers` and `packing` use them per list.
Any later export writes its list with `xlsx_response(filename, headers, rows)`.
"""

from .writing import xlsx_response

__all__ = ["xlsx_response"]
