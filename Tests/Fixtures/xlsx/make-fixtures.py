#!/usr/bin/env python3
"""Writes the Excel workbook fixtures of this folder with a small xlsx writer of its own
(zipfile and XML, no package needed). Each file is named for its case."""
import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def column(index):
    name = ""
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def workbook(name, sheets, date1904=False, shared=True, extra_sheet_xml=None):
    """sheets: [(sheet name, [row, ...])]; a row is a list of cells: str (text), int/float (number),
    ("f", formula) without a value, or None (no cell)."""
    strings, index = [], {}
    parts = {}
    for number, (sheet_name, rows) in enumerate(sheets, start=1):
        xml = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', '<worksheet xmlns="%s"><sheetData>' % MAIN]
        for r, row in enumerate(rows, start=1):
            if row is None:
                continue
            xml.append('<row r="%d">' % r)
            for c, cell in enumerate(row, start=1):
                ref = "%s%d" % (column(c), r)
                if cell is None:
                    continue
                if isinstance(cell, tuple):
                    xml.append('<c r="%s"><f>%s</f></c>' % (ref, escape(cell[1])))
                elif isinstance(cell, str):
                    if shared:
                        if cell not in index:
                            index[cell] = len(strings)
                            strings.append(cell)
                        xml.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, index[cell]))
                    else:
                        xml.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(cell)))
                else:
                    xml.append('<c r="%s"><v>%s</v></c>' % (ref, repr(cell)))
            xml.append("</row>")
        xml.append("</sheetData></worksheet>")
        parts["xl/worksheets/sheet%d.xml" % number] = "".join(xml)
    if extra_sheet_xml:
        parts["xl/worksheets/sheet1.xml"] = extra_sheet_xml
    parts["[Content_Types].xml"] = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                                    '<Default Extension="xml" ContentType="application/xml"/></Types>')
    parts["xl/workbook.xml"] = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" xmlns:r="%s">%s<sheets>%s</sheets></workbook>'
                                % (MAIN, REL, '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>",
                                   "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(s[0]), i, i)
                                           for i, s in enumerate(sheets, start=1))))
    parts["xl/_rels/workbook.xml.rels"] = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>'
                                           % "".join('<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>' % (i, REL, i)
                                                     for i in range(1, len(sheets) + 1)))
    if shared and strings:
        parts["xl/sharedStrings.xml"] = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>'
                                         % (MAIN, len(strings), len(strings),
                                            "".join("<si><t xml:space=\"preserve\">%s</t></si>" % escape(s) for s in strings)))
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts.items():
            z.writestr(part, text)


# A US card's download as a workbook: dates as serial numbers (1900 system), amounts as numbers.
workbook("card-serial-dates.xlsx", [("Transactions", [
    ["Transaction Date", "Description", "Debit", "Credit"],
    [46329, "PAYMENT THANK YOU", None, 412.55],
    [46335, "TARGET 00028514 CHICAGO IL", 63.18, None],
    [46354, "NIMBUS MOBILE NIM-4471", 288.04, None],
])])

# The 1904 date system, inline strings, the data on a second sheet named in the mapping.
workbook("bank-1904-inline-second-sheet.xlsx", [
    ("Summary", [["Account", "4417003388"]]),
    ("Activity", [["Date", "Details", "Amount"], [44869, "NIMBUS MOBILE BILLPAY NIM-4471", -102.68]]),
], date1904=True, shared=False)

# A WeChat Pay bill as a workbook: the same layout as its CSV (blank rows in the preamble).
wechat = [["微信支付账单明细"], ["微信昵称：[Jordan]"], ["起始时间：[2026-10-01 00:00:00] 终止时间：[2026-10-31 23:59:59]"],
          ["导出类型：[全部]"], ["导出时间：[2026-11-01 10:00:00]"], None, ["共2笔记录"], ["收入：1笔 50.00元"], ["支出：1笔 100.00元"],
          ["中性交易：0笔 0.00元"], ["注："], ["1. 充值/提现等交易，将计入中性交易"], ["2. 本明细仅展示当前账单中的交易"], ["3. 本明细仅供个人对账使用"], None,
          ["----------------------微信支付账单明细列表--------------------"],
          ["交易时间", "交易类型", "交易对方", "商品", "收/支", "金额(元)", "支付方式", "当前状态", "交易单号", "商户单号", "备注"],
          ["2026-10-03 12:01:11", "商户消费", "中国移动", "话费充值 NIM-4471", "支出", "¥100.00", "零钱", "支付成功", "4200001234", "T1", "/"],
          ["2026-10-20 18:00:00", "退款", "中国移动", "话费退款", "收入", "¥50.00", "零钱", "已全额退款", "4200001235", "T2", "/"]]
workbook("wechat-pay-bill.xlsx", [("微信支付账单", wechat)])

# A formula whose value was never saved.
workbook("formula-without-value.xlsx", [("Sheet1", [["Date", "Details", "Amount"], [46329, "x", ("f", "SUM(A1:A2)")]])])

# A cell past column XFD.
workbook("column-past-xfd.xlsx", [("Sheet1", [["Date", "Details", "Amount"]])],
         extra_sheet_xml='<worksheet xmlns="%s"><sheetData><row r="1"><c r="ZZZZ1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>' % MAIN)

# A zip bomb: a sheet that inflates 1,000 times its size.
bomb = '<worksheet xmlns="%s"><sheetData>' % MAIN + " " * (20 << 20) + "</sheetData></worksheet>"
workbook("zip-bomb.xlsx", [("Sheet1", [["Date"]])], extra_sheet_xml=bomb)
