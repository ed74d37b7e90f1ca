"""Vietnamese number and date formats (UI.md: 1.234.567 đ; 05/3/2026).

Django's own ``vi`` formats set the separators but no grouping, so ``intcomma`` printed
"2559" instead of "2.559".
"""

DATE_FORMAT = r"\N\gà\y d \t\há\n\g n \nă\m Y"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
