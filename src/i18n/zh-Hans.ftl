# Accord 程序文本，简体中文。键须与 en.ftl 完全一致。

## 错误（按稳定代码）

error-label = 错误
warning-label = 警告
error-vault-not-found = { $path } 处没有保险库。请用 “accord init” 创建，或用 --vault 指向已有的保险库。
error-vault-exists = { $path } 处已有保险库。未作任何更改。
error-vault-in-use = 保险库正被另一个 Accord 窗口或命令使用。请先关闭它再重试。
error-vault-locked = 保险库已锁定。请解锁后继续。
error-vault-keyring-after-lock = 保险库已锁定：请输入口令解锁。之后密钥环会再次可用。
error-vault-wrong-passphrase = 口令错误。未作任何更改。
error-vault-wrong-recovery-key = 该恢复密钥无法打开此保险库。请核对后重试。
error-vault-passphrase-required = 需要口令。请在提示处输入，或提供 --passphrase-file 或 ACCORD_PASSPHRASE。
error-vault-passphrase-too-short = 口令至少需要 { $min } 个字符。
error-vault-passphrase-mismatch = 两次输入的口令不一致。未作任何更改。
error-vault-damaged = 保险库已损坏（{ $detail }）。未作任何更改；请从备份恢复。
error-vault-cipher-missing = 此版本的 Accord 无法加密数据库，因此拒绝写入。
error-vault-schema-too-new = 此保险库由较新版本的 Accord 写入（结构版本 { $found }；本版本仅支持到 { $known }）。请更新 Accord；未作任何更改。
error-vault-needs-migration = 此保险库的结构版本较旧（{ $found }；本版本使用 { $known }），且另一个 Accord 正打开它，因此现在无法升级。请关闭另一个 Accord（桌面应用或正在运行的命令）后再试；未作任何更改。
error-vault-weak-kdf = 密钥派生参数被拒绝：{ $detail }。
error-files-not-private = { $path } 并非仅您可用（{ $detail }）：这台电脑的其他用户可能读取或替换它。请将其设为仅您可用：文件夹用 chmod 700，文件用 chmod 600。
error-keyring-unavailable = 系统密钥环没有响应（{ $detail }）。保险库仍可用口令打开。
error-input-not-found = 找不到{ $entity }“{ $id }”。
error-input-ambiguous = “{ $id }”匹配多个{ $entity }；请提供更完整的编号。
error-input-invalid = { $field }无效：{ $value }。
error-input-required = 必须填写{ $field }。
error-input-too-long = { $field }超过 { $max } 个字符。
error-input-invisible-character = { $field }含有字符 { $codepoint }：它会断行，或不可见且可使文字显示的次序与实际存储不同。请删除后重试。
error-time-invalid-zone = “{ $zone }”不是已知的时区。请使用 IANA 名称，例如 Asia/Hong_Kong。
error-time-invalid = { $field }“{ $value }”不是有效时间。请写成 2026-12-03 10:00（会场时间）或 RFC 3339 格式。
error-time-local-gap = 因夏令时调整，{ $value } 在 { $zone } 中不存在或出现两次。请选择其他时间。
error-time-end-before-start = 结束时间早于开始时间。
error-session-caucus-needs-party = 单独会谈只与一方进行：请用 --party 指明该方。
error-session-party-only-for-caucus = 只有单独会谈才针对单一当事方。
error-session-party-not-in-case = 当事方 { $party } 不是案件 { $case } 的当事方。
error-case-invalid-transition = 案件不能从 { $from } 变为 { $to }。
error-case-closed = 案件已结案（{ $status }），不能再更改。
error-session-already-started = 该会议已经开始。
error-session-not-started = 该会议尚未开始。
error-session-already-ended = 该会议已经结束。
error-note-conflict = 此笔记已在别处保存（现为第 { $revision } 版）。请重新打开以查看最新内容；您的内容未被覆盖。
error-note-caucus-needs-party = 单独会谈笔记须注明提供该信息的当事方。
error-note-not-caucus = 只有单独会谈笔记才记录当事方对披露的意见。
error-note-disclosure-not-authorised = 该当事方未授权全部披露此单独会谈笔记，因此不能设为共享。
error-agreement-final = 协议已定稿，不能再更改。
error-agreement-clause-referenced = 第 { $clause } 条被第 { $by } 条引用：请先删除该引用。
error-agreement-clause-has-subclauses = 第 { $clause } 条有分条：请先移动或删除分条。
error-agreement-unknown-reference = 没有可引用的第 { $reference } 条。
error-agreement-checks-failed = 有 { $count } 项检查未通过，协议仍为草稿。请运行检查查看每一项。
error-agreement-print-failed = 无法排版此协议（{ $detail }），未写入任何文件。
error-audit-broken = 审计日志在第 { $seq } 条事件处断裂：{ $reason }。
error-audit-rolled-back = 此保管库的数据库比其审计锚点旧：已记录第 { $anchored } 条事件，但日志现止于第 { $found } 条。可能有人放回了旧的数据库副本，或最近的更改已丢失。未作任何更改；请从最新备份恢复。
error-internal-database = 数据库错误：{ $detail }。未作任何更改。
error-internal-migration = 无法升级保险库：{ $detail }。未作任何更改。
error-internal-io = 文件错误：{ $detail }。

## 错误信息中的词语

field-title = 标题
field-name = 名称
field-kind = 类型
field-role = 角色
field-panel = 名册
field-status = 状态
field-mediator = 调解员姓名
field-representative = 代表
field-official-no = 正式案件编号
field-venue = 会场
field-attendee = 出席人
field-start = 开始时间
field-end = 结束时间
field-at = 时间
field-duration = 时长
field-outcome = 结果
field-en = 英文术语
field-zh-hans = 简体中文术语
field-zh-hant = 繁体中文术语
field-zh = 中文术语（简体或繁体）
field-domain = 领域
field-note = 说明
field-csv = CSV 文件
field-file = 文件
entity-case = 案件
entity-party = 当事方
entity-session = 会议
entity-mediator = 调解员
entity-note = 笔记
entity-revision = 版本
entity-term = 术语
entity-agreement = 协议
entity-clause = 条款
entity-version = 版本
entity-template = 条款范本

## 词汇

kind-state-to-state = 国家间
kind-investor-state = 投资者与国家间
kind-commercial = 国际商事
panel-state-to-state = 国家间调解员名册
panel-general = 一般调解员名册
status-intake = 受理中
status-active = 进行中
status-settled = 已和解
status-terminated = 已终止
status-withdrawn = 已撤回
mediator-role-lead = 首席
mediator-role-co = 共同调解员
party-kind-state = 国家
party-kind-state-entity = 国家实体
party-kind-investor = 投资者
party-kind-company = 公司
party-kind-person = 个人
role-requesting = 申请方
role-responding = 被申请方
role-other = 其他
session-kind-joint = 联席会议
session-kind-caucus = 单独会谈
session-kind-preparatory = 预备会议
session-kind-internal = 内部会议
session-state-scheduled = 已安排
session-state-live = 进行中
session-state-ended = 已结束
origin-seed = 预置词表
origin-mediator = 调解员
origin-import = 导入
side-en = 英文
side-zh = 中文

## 标签与表头

label-reference = 编号
label-official-no = 正式编号
label-title-en = 标题（英文）
label-title-zh = 标题（中文）
label-kind = 类型
label-panel = 名册
label-status = 状态
label-id = 标识
label-mediators = 调解员
label-session-kind = 会议
label-time-zone = 会场时区
label-venue = 会场
label-scheduled-start = 计划开始
label-scheduled-end = 计划结束
label-actual-start = 实际开始
label-actual-end = 实际结束
label-attendees = 出席人
col-reference = 编号
col-title = 标题
col-kind = 类型
col-status = 状态
col-official-no = 正式编号
col-id = 标识
col-name-en = 名称（英文）
col-name-zh = 名称（中文）
col-role = 角色
col-representatives = 代表
col-session = 会议
col-venue-time = 会场时间
col-local-time = 本机时间
col-venue = 会场
col-state = 状况
col-seq = #
col-time = 时间（UTC）
col-actor = 操作人
col-action = 操作
col-record = 记录
col-hash = 哈希
col-term-en = 英文
col-term-zh-hans = 简体
col-term-zh-hant = 繁体
col-domain = 领域
col-origin = 来源
col-found-in = 出现于
col-missing-from = 缺失于

## 命令信息

prompt-passphrase = 口令
prompt-new-passphrase = 新口令
prompt-repeat-passphrase = 再次输入新口令
prompt-recovery-key = 恢复密钥
notice-keyring-unavailable = 注意：系统密钥环（Secret Service）没有响应，此保险库只能用口令打开。密钥环可用后请运行 “accord keyring enable”。（{ $detail }）
notice-secret-file-open = 警告：本机其他用户可以读取 { $path }。口令文件应保持私密：chmod 600 { $path }
init-created = 已在 { $path } 创建保险库。
init-recovery-key-heading = 您的恢复密钥：
init-recovery-key-once = 请抄写下来，并与本电脑分开保管。它只显示这一次；忘记口令时可用它打开保险库。
init-keyring-stored = 密钥也保存在系统密钥环中，本账户无需输入即可打开保险库。
init-keyring-unavailable = 保险库只能用口令打开。
init-keyring-declined = 密钥未保存在系统密钥环中；保险库用口令打开。
unlock-passphrase-reset = 口令已更换。恢复密钥仍然有效。
unlock-done = 已解锁：口令正确，保险库完好。
unlock-done-keyring = 已解锁：密钥已放回系统密钥环，直至运行 “accord lock”。
lock-done = 已锁定：下一条命令将要求输入口令。
passphrase-changed = 口令已更改。
recovery-rotated = 已生成新的恢复密钥。旧密钥不能再打开此保险库（旧的 vault.json 副本仍接受它：运行 `accord rekey` 可杜绝此情况）。
rekey-done = 保险库已用新密钥重新加密，并生成新的恢复密钥。口令不变。旧的恢复密钥及旧 vault.json 的任何副本都不能再打开此保险库。
keyring-state-enabled = 密钥保存在系统密钥环中。
keyring-state-disabled = 密钥未保存在系统密钥环中。
keyring-state-unavailable = 创建保险库时系统密钥环没有响应；密钥未保存在其中。
guard-on = 单独会谈保密防护已开启：联席会议正在进行，应用中的单独会谈及私人笔记须确认后才显示。
guard-off = 单独会谈保密防护未开启：没有正在进行的联席会议。
audit-verified = 审计日志完好：{ $events } 条事件，{ $records } 条记录与之相符。
demo-created = 已创建示例案件 { $reference }，包括两个当事方、一次联席会议和两次单独会谈。

## Notes

field-text = 文本
field-text-en = 英文文本
field-text-zh = 中文文本
field-checked-by = 译文核对人
field-scope = 披露范围
field-given-by = 代表当事方表态者的姓名
field-given-at = 当事方表态的时间
field-summary = 摘要
field-visibility = 可见范围
field-tag = 标签
field-script = 字体
field-session = 会议
field-side = 译文一侧
field-confidentiality = 保密规则
field-query = 搜索内容
visibility-shared = 共享
visibility-caucus = 单独会谈
visibility-private = 仅本人
tag-fact = 事实
tag-issue = 争点
tag-interest = 利益
tag-option = 方案
tag-proposal = 提议
scope-all = 可全部披露
scope-summary = 可披露摘要
scope-none = 保密
translated-en = 英文为中文的译文
translated-zh = 中文为英文的译文
confidentiality-icsid = ICSID 调解规则（未经授权不得披露）
confidentiality-hong-kong = 香港《调解条例》（未经授权不得披露）
confidentiality-uncitral = 贸法会示范法（除非要求保密，否则可披露）
label-confidentiality = 单独会谈保密
label-visibility = 可见范围
label-tags = 标签
label-revision = 版本
label-saved = 保存时间
label-disclosure = 披露
label-translation = 翻译
label-text-en = 英文
label-text-zh = 中文
col-visibility = 可见范围
col-tags = 标签
col-text = 内容
col-revision = 版本
col-note = 笔记
col-scope = 披露
col-given-by = 表态者
col-given-at = 表态时间
note-restored-from = （恢复自第 { $revision } 版）
term-imported = 已导入：新增 { $added } 条，更新 { $updated } 条，未变 { $unchanged } 条。
term-exported = 已将 { $count } 条术语写入 { $path }。
term-removed = 已删除术语“{ $en }”。
term-check-clean = 未发现缺漏：一方文本中的已知术语在另一方均有对应。
col-when = 时间
search-total = 找到的笔记：{ $total }

## 协议（accord draft）

status-draft = 草稿
status-final = 定稿
position-proposed = 已提议
position-accepted = 已接受
position-objected = 有异议
position-open = 待定
language-regime-equal = 两种文本同等作准
language-regime-en-prevails = 以英文文本为准
language-regime-zh-prevails = 以中文文本为准
script-hans = 简体
script-hant = 繁体
field-heading-en = 英文标题
field-heading-zh = 中文标题
field-missing-reason = 缺少一种语言的原因
field-comment = 意见
field-label = 版本名称
field-place = 条款位置
field-language-regime = 语言效力
field-position = 立场
label-language-regime = 语言效力
label-script = 中文字体
label-version = 版本
label-version-label = 名称
label-saved-by = 保存人
label-fingerprint = 指纹
label-missing-reason = 缺少语言
col-updated = 更新时间
col-version = 版本
col-label = 名称
col-fingerprint = 指纹
draft-clause-removed = 第 { $number } 条已删除。
draft-no-clauses = 尚无条款。
draft-no-versions = 尚未保存版本。

# Agreements: redlines and checks.
draft-diff-moved = { $to }（由 { $from } 移来）
change-same = 未改
change-edited = 已改
change-added = 新增
change-removed = 删除
change-moved = 移动
draft-checks-passed = 全部检查通过：协议可以定稿。
draft-final = 协议已定稿，并冻结为以下版本：
check-missing-language = 第 { $clause } 条没有{ $side ->
        [en] 英文
       *[zh] 中文
    }文本，也没有记录原因。
check-term-gap = 第 { $clause } 条：术语“{ $term }”出现在{ $found_in ->
        [en] 英文
       *[zh] 中文
    }文本中，另一文本却没有。
check-placeholder = 第 { $clause } 条：{ $placeholder } 尚未填写。
check-figure-mismatch = 第 { $clause } 条：{ $detail }
check-figure-flag = 第 { $clause } 条：“{ $text }”须人工确定（{ $flag }）。
check-language-clause = 协议须有且只有一条语言条款；现有 { $count } 条。
check-signature-block = 协议须有且只有一个签署栏；现有 { $count } 个。
check-mediator-statement = 协议须有且只有一项调解员关于协议经调解达成的声明；现有 { $count } 项。
check-font-coverage = { $where ->
    [title] 标题
   *[clause] 第 { $clause } 条
}含有打印字体无法显示的字符：{ $chars }。请改用其他写法，否则 PDF 中会显示为空框。
draft-source-moved-on = 其来源提议笔记在采用后已被修改。
library-saved = 已存入条款库，键为 { $key }。
library-exported = 已将 { $count } 个范本写入 { $path }。
library-imported = 条款库：新增 { $added } 个，更新 { $updated } 个，未变 { $unchanged } 个。
col-key = 键
draft-rendered = 已写入 { $path }。
