"""Aid spreadsheets: XLSX templates, all-or-nothing imports and exports of aid lists."""
