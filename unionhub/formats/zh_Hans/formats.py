"""Date and number formats of the Chinese UI (issue #21): every page shows times in
Asia/Shanghai as ``YYYY-MM-DD HH:MM`` (Django's zh-hans default is ``2026年12月2日``, and its
first input format ``2026/12/02`` is rejected by the browser's ``<input type=date>``)."""

DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "Y-m"
MONTH_DAY_FORMAT = "m-d"
# The first input format is the one widgets render: ISO, which date inputs require.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y%m%d"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = "."
# Thousands in groups of three with a comma, as Chinese statistical tables print them.
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
