// Four of the clause library's seed templates (assets/library/seed.json, which the core
// seeds with schema 5), for the fake backend: one with blanks, and the three kinds the
// final checks count. The real library has fifteen.

import type { LibraryClause } from "../bindings/LibraryClause";

export const FAKE_LIBRARY: readonly LibraryClause[] = [
  {
    "key": "payment-schedule",
    "title_en": "Payment schedule",
    "title_hans": "付款计划",
    "title_hant": "付款時間表",
    "heading_en": "Payment Schedule",
    "heading_hans": "付款计划",
    "heading_hant": "付款時間表",
    "text_en": "{{party.responding}} shall pay {{party.requesting}} the sum of [[currency]] [[amount]] in [[instalments]] instalments, the first instalment falling due on or before [[date]]. Each payment shall be made into the following account: [[account]]. Any sum not paid when due bears default interest at [[percentage]] per annum from the due date until the date of payment.",
    "text_hans": "{{party.responding}}应向{{party.requesting}}支付[[currency]] [[amount]]，分[[instalments]]笔分期款项支付，首笔分期款项应于[[date]]或之前支付。每笔款项应付入以下账户：[[account]]。任何款项逾期未付的，应自到期日起至实际付款日止按年利率[[percentage]]计付逾期利息。",
    "text_hant": "{{party.responding}}須向{{party.requesting}}支付[[currency]] [[amount]]，分[[instalments]]筆分期款項支付，首筆分期款項須於[[date]]或之前支付。每筆款項須存入以下帳戶：[[account]]。任何款項逾期未付，須按年利率[[percentage]]計付逾期利息，由到期日起計至實際付款日為止。",
    "kind": null,
    "origin": "seed",
    "updated_at": ""
  },
  {
    "key": "language-equal",
    "title_en": "Language: both texts equally authentic",
    "title_hans": "语言：两种文本同等作准",
    "title_hant": "語言：兩種文本同等真確",
    "heading_en": "Language",
    "heading_hans": "语言",
    "heading_hant": "語言",
    "text_en": "This Agreement is made in English and Chinese. Both texts are equally authentic.",
    "text_hans": "本协议以英文和中文订立。两种文本同等作准。",
    "text_hant": "本協議以英文及中文訂立。兩種文本同等真確。",
    "kind": "language",
    "origin": "seed",
    "updated_at": ""
  },
  {
    "key": "signatures",
    "title_en": "Signatures",
    "title_hans": "签名",
    "title_hant": "簽署",
    "heading_en": "Signatures",
    "heading_hans": "签名",
    "heading_hant": "簽署",
    "text_en": "Signed by the parties on [[date]] at [[place]]:\n\nRequesting party: {{party.requesting}}\nName: ____________________\nTitle: ____________________\nSignature: ____________________\n\nResponding party: {{party.responding}}\nName: ____________________\nTitle: ____________________\nSignature: ____________________\n\nAttesting witness (mediator): {{mediator}}\nSignature: ____________________",
    "text_hans": "各当事人于[[date]]在[[place]]签字如下：\n\n申请方：{{party.requesting}}\n姓名：____________________\n职务：____________________\n签名：____________________\n\n被申请方：{{party.responding}}\n姓名：____________________\n职务：____________________\n签名：____________________\n\n见证人（调解员）：{{mediator}}\n签名：____________________",
    "text_hant": "各當事人於[[date]]在[[place]]簽署如下：\n\n申請方：{{party.requesting}}\n姓名：____________________\n職銜：____________________\n簽署：____________________\n\n被申請方：{{party.responding}}\n姓名：____________________\n職銜：____________________\n簽署：____________________\n\n見證人（調解員）：{{mediator}}\n簽署：____________________",
    "kind": "signatures",
    "origin": "seed",
    "updated_at": ""
  },
  {
    "key": "mediator-statement",
    "title_en": "Mediator's statement",
    "title_hans": "调解员声明",
    "title_hant": "調解員聲明",
    "heading_en": "Statement of the Mediator",
    "heading_hans": "调解员声明",
    "heading_hant": "調解員聲明",
    "text_en": "I, {{mediator}}, confirm that I acted as mediator in the mediation between {{parties}} conducted under {{institution}} in case number {{case.number}}, and that this settlement agreement resulted from that mediation.\n\nMediator's signature: ____________________\n\nDate: [[date]]",
    "text_hans": "本人{{mediator}}确认：本人为{{parties}}之间在{{institution}}主持下进行的调解（案件编号：{{case.number}}）的调解员，本和解协议产生于该调解。\n\n调解员签名：____________________\n\n日期：[[date]]",
    "text_hant": "本人{{mediator}}確認：本人為{{parties}}之間在{{institution}}主持下進行的調解（案件編號：{{case.number}}）的調解員，而本和解協議產生於該調解。\n\n調解員簽署：____________________\n\n日期：[[date]]",
    "kind": "mediator-statement",
    "origin": "seed",
    "updated_at": ""
  }
];
