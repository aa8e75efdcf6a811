#!/usr/bin/env python3
"""Writes the payment-app sample exports of this folder, in the encoding the app uses.

- alipay-app-gbk.csv: Alipay's transaction details as the phone app e-mails them (支付宝交易明细):
  GBK, 22 lines of preamble (account, period, totals, notes) before the header, no summary after
  the data, 收/支 saying the direction and 不计收支 for moves between one's own balances.
Read with SampleData/mappings/alipay-app.yaml. Run: python3 make-samples.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

PREAMBLE = [
    "------------------------------------------------------------------------------------",
    "导出信息：",
    "姓名：乔丹",
    "支付宝账户：jordan.reyes@example.com",
    "起始时间：[2026-10-01 00:00:00]    终止时间：[2026-11-01 00:00:00]",
    "导出交易类型：[全部]",
    "导出时间：[2026-11-01 10:00:00]",
    "共3笔记录",
    "收入：1笔 50.00元",
    "支出：1笔 100.00元",
    "不计收支：1笔 500.00元",
    "",
    "特别提示：",
    "1.本回单内容可表明支付宝受理了此笔业务，不代表实际到账，仅供参考；",
    "2.您的交易明细如有疑问，请致电95188；",
    "3.支付宝不对本回单内容承担责任；",
    "4.如有修改，本回单无效；",
    "5.本回单仅供个人对账使用；",
    "6.金额单位为人民币元；",
    "7.已按交易时间排序；",
    "8.本明细不含已删除的记录。",
    "",
    "------------------------支付宝（中国）网络技术有限公司  电子客户回单------------------------",
]
ROWS = [
    "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,",
    "2026-10-03 12:01:11,充值缴费,中国移动,mob***@example.com,话费充值 NIM-4471,支出,100.00,余额宝,交易成功,2026100322001412340501\t,T2026100312011100001\t,,",
    "2026-10-15 09:30:00,投资理财,余额宝,/,转入,不计收支,500.00,账户余额,交易成功,2026101522001412340777\t,\t,,",
    "2026-10-20 18:00:00,退款,中国移动,mob***@example.com,退款-话费充值,收入,50.00,余额宝,退款成功,2026102022001412340999\t,T2026102018000000002\t,,",
]

with open(os.path.join(HERE, "alipay-app-gbk.csv"), "wb") as f:
    f.write(("\r\n".join(PREAMBLE + ROWS) + "\r\n").encode("gbk"))
