"""Aid spreadsheets: XLSX templates, all-or-nothing imports and exports of aid lists, on
`core.spreadsheets` (columns, the reader, the writers): `reading` groups rows into records
with lines, `writing` puts typed text beside its translation; `needs`, `offers` and
`packing` use them per list."""
