#!/usr/bin/env python3
"""Writes the payment-app and card exports of this folder, in the encodings those apps use.

- alipay-web-gb18030.csv: Alipay's transaction details as its web site exports them (GB18030, a
  preamble, padded fields, 收/支 as the sign, 不计收支 rows, a summary after the data).
- wechat-pay-bill.csv: a WeChat Pay bill (UTF-8 with a byte-order mark, 16 lines of preamble,
  ¥ amounts, 收/支).
- us-card-debit-credit.csv: a US credit card's CSV with separate Debit and Credit columns.
- jp-card-shift-jis.csv: a Japanese card statement in Shift_JIS (code page 932).
They are read with the mappings in SampleData/mappings (and jp-card-shift-jis.yaml here).
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, text, encoding, bom=False):
    with open(os.path.join(HERE, name), "wb") as f:
        if bom:
            f.write(b"\xef\xbb\xbf")
        f.write(text.replace("\n", "\r\n").encode(encoding))


ALIPAY = """支付宝交易记录明细查询
账号:[jordan.reyes@example.com]
起始日期:[2026-10-01 00:00:00]    终止日期:[2026-11-01 00:00:00]
---------------------------------交易记录明细列表------------------------------------
交易号                  ,商户订单号               ,交易创建时间              ,付款时间                ,最近修改时间              ,交易来源地     ,类型              ,交易对方            ,商品名称                ,金额（元）   ,收/支     ,交易状态    ,服务费（元）   ,成功退款（元）  ,备注                  ,资金状态     ,
2026100322001412340501  ,T2026100312011100001    ,2026-10-03 12:01:11 ,2026-10-03 12:01:12 ,2026-10-03 12:01:12 ,其他（包括阿里巴巴和外部商家）,即时到账交易  ,中国移动通信        ,话费充值 NIM-4471        ,100.00       ,支出      ,交易成功    ,0.00           ,0.00            ,                      ,已支出       ,
2026101522001412340777  ,                        ,2026-10-15 09:30:00 ,2026-10-15 09:30:00 ,2026-10-15 09:30:00 ,支付宝网站     ,即时到账交易  ,余额宝              ,转入                    ,500.00       ,不计收支  ,交易成功    ,0.00           ,0.00            ,                      ,资金转移     ,
2026102022001412340999  ,T2026102018000000002    ,2026-10-20 18:00:00 ,2026-10-20 18:00:05 ,2026-10-21 08:00:00 ,其他（包括阿里巴巴和外部商家）,即时到账交易  ,中国移动通信        ,退款 话费              ,50.00        ,收入      ,交易成功    ,0.00           ,0.00            ,                      ,已收入       ,
------------------------------------------------------------------------------------
共3笔记录
已收入:1笔,50.00元
待收入:0笔,0.00元
已支出:1笔,100.00元
待支出:0笔,0.00元
导出时间:[2026-11-01 10:00:00]    用户:jordan
"""

WECHAT = "\n".join(
    ["微信支付账单明细", "微信昵称：[Jordan]", "起始时间：[2026-10-01 00:00:00] 终止时间：[2026-10-31 23:59:59]",
     "导出类型：[全部]", "导出时间：[2026-11-01 10:00:00]", "", "共2笔记录", "收入：1笔 50.00元", "支出：1笔 100.00元",
     "中性交易：0笔 0.00元", "注：", "1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易", "2. 本明细仅展示当前账单中的交易，不包括已删除的记录",
     "3. 本明细仅供个人对账使用", "", "----------------------微信支付账单明细列表--------------------",
     "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注",
     "2026-10-03 12:01:11,商户消费,中国移动,话费充值 NIM-4471,支出,¥100.00,零钱,支付成功,4200001234202610031234567890\t,T2026100312011100001\t,/",
     "2026-10-20 18:00:00,退款,中国移动,话费退款,收入,¥50.00,零钱,已全额退款,4200001234202610201234567891\t,T2026102018000000002\t,/",
     ""])

US_CARD = """Transaction Date,Posted Date,Card No.,Description,Category,Debit,Credit
11/03/2026,11/04/2026,2291,PAYMENT THANK YOU,Payment/Credit,,412.55
11/09/2026,11/10/2026,2291,TARGET 00028514 CHICAGO IL,Merchandise,63.18,
11/28/2026,11/29/2026,2291,NIMBUS MOBILE NIM-4471,Phone/Cable,288.04,
"""

JP_CARD = """ご利用日,ご利用店名,ご利用金額,支払区分
2026/10/05,ドコモ携帯電話料金,8800,1回払い
2026/10/12,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,3210,1回払い
"""

write("alipay-web-gb18030.csv", ALIPAY, "gb18030")
write("wechat-pay-bill.csv", WECHAT, "utf-8", bom=True)
write("us-card-debit-credit.csv", US_CARD, "utf-8")
write("jp-card-shift-jis.csv", JP_CARD, "cp932")
