# Accord 程序文本，简体中文。键须与 en.ftl 完全一致。

## 错误（按稳定代码）

error-label = 错误
error-vault-not-found = { $path } 处没有保险库。请用 “accord init” 创建，或用 --vault 指向已有的保险库。
error-vault-exists = { $path } 处已有保险库。未作任何更改。
error-vault-in-use = 保险库正被另一个 Accord 窗口或命令使用。请先关闭它再重试。
error-vault-locked = 保险库已锁定。请解锁后继续。
error-vault-wrong-passphrase = 口令错误。未作任何更改。
error-vault-wrong-recovery-key = 该恢复密钥无法打开此保险库。请核对后重试。
error-vault-passphrase-required = 需要口令。请在提示处输入，或提供 --passphrase-file 或 ACCORD_PASSPHRASE。
error-vault-passphrase-too-short = 口令至少需要 { $min } 个字符。
error-vault-passphrase-mismatch = 两次输入的口令不一致。未作任何更改。
error-vault-damaged = 保险库已损坏（{ $detail }）。未作任何更改；请从备份恢复。
error-vault-cipher-missing = 此版本的 Accord 无法加密数据库，因此拒绝写入。
error-vault-schema-too-new = 此保险库由较新版本的 Accord 写入（结构版本 { $found }；本版本仅支持到 { $known }）。请更新 Accord；未作任何更改。
error-vault-weak-kdf = 密钥派生参数被拒绝：{ $detail }。
error-keyring-unavailable = 系统密钥环没有响应（{ $detail }）。保险库仍可用口令打开。
error-input-not-found = 找不到{ $entity }“{ $id }”。
error-input-ambiguous = “{ $id }”匹配多个{ $entity }；请提供更完整的编号。
error-input-invalid = { $field }无效：{ $value }。
error-input-required = 必须填写{ $field }。
error-input-too-long = { $field }超过 { $max } 个字符。
error-time-invalid-zone = “{ $zone }”不是已知的时区。请使用 IANA 名称，例如 Asia/Hong_Kong。
error-time-invalid = { $field }“{ $value }”不是有效时间。请写成 2026-12-03 10:00（会场时间）或 RFC 3339 格式。
error-time-local-gap = 因夏令时调整，{ $value } 在 { $zone } 中不存在或出现两次。请选择其他时间。
error-time-end-before-start = 结束时间早于开始时间。
error-session-caucus-needs-party = 单方会谈只与一方进行：请用 --party 指明该方。
error-session-party-only-for-caucus = 只有单方会谈才针对单一当事方。
error-session-party-not-in-case = 当事方 { $party } 不是案件 { $case } 的当事方。
error-case-invalid-transition = 案件不能从 { $from } 变为 { $to }。
error-case-closed = 案件已结案（{ $status }），不能再更改。
error-session-already-started = 该会议已经开始。
error-session-not-started = 该会议尚未开始。
error-session-already-ended = 该会议已经结束。
error-note-conflict = 此笔记已在别处保存（现为第 { $revision } 版）。请重新打开以查看最新内容；您的内容未被覆盖。
error-note-caucus-needs-party = 单方会谈笔记须注明提供该信息的当事方。
error-note-not-caucus = 只有单方会谈笔记才记录当事方对披露的意见。
error-note-disclosure-not-authorised = 该当事方未授权全部披露此单方会谈笔记，因此不能设为共享。
error-audit-broken = 审计日志在第 { $seq } 条事件处断裂：{ $reason }。
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
entity-case = 案件
entity-party = 当事方
entity-session = 会议
entity-mediator = 调解员
entity-note = 笔记
entity-revision = 版本

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
session-kind-caucus = 单方会谈
session-kind-preparatory = 预备会议
session-kind-internal = 内部会议
session-state-scheduled = 已安排
session-state-live = 进行中
session-state-ended = 已结束

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

## 命令信息

prompt-passphrase = 口令
prompt-new-passphrase = 新口令
prompt-repeat-passphrase = 再次输入新口令
prompt-recovery-key = 恢复密钥
notice-keyring-unavailable = 注意：系统密钥环（Secret Service）没有响应，此保险库只能用口令打开。密钥环可用后请运行 “accord keyring enable”。（{ $detail }）
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
keyring-state-enabled = 密钥保存在系统密钥环中。
keyring-state-disabled = 密钥未保存在系统密钥环中。
keyring-state-unavailable = 创建保险库时系统密钥环没有响应；密钥未保存在其中。
audit-verified = 审计日志完好：{ $events } 条事件，{ $records } 条记录与之相符。
demo-created = 已创建示例案件 { $reference }，包括两个当事方、一次联席会议和两次单方会谈。
