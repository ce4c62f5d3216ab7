"""The union's demand report (issue 19): what women workers ask, anonymised.

records.py   frozen records of every figure
demand.py    build_demand_report(storage, settings, since=, until=, region=) → DemandReport; report_json
groups.py    near-identical questions counted together (normal form, redacted display text)
html.py      the Chinese HTML page with SVG charts
xlsx.py      the same tables as an Excel workbook
"""
