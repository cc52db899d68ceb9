# Accord 程式文字，繁體中文。鍵須與 en.ftl 完全一致。

## 錯誤（按穩定代碼）

error-label = 錯誤
error-vault-not-found = { $path } 處沒有保險庫。請用 “accord init” 建立，或用 --vault 指向已有的保險庫。
error-vault-exists = { $path } 處已有保險庫。未作任何更改。
error-vault-in-use = 保險庫正被另一個 Accord 視窗或指令使用。請先關閉它再重試。
error-vault-locked = 保險庫已鎖定。請解鎖後繼續。
error-vault-wrong-passphrase = 密語錯誤。未作任何更改。
error-vault-wrong-recovery-key = 該復原金鑰無法開啟此保險庫。請核對後重試。
error-vault-passphrase-required = 需要密語。請在提示處輸入，或提供 --passphrase-file 或 ACCORD_PASSPHRASE。
error-vault-passphrase-too-short = 密語至少需要 { $min } 個字元。
error-vault-passphrase-mismatch = 兩次輸入的密語不一致。未作任何更改。
error-vault-damaged = 保險庫已損壞（{ $detail }）。未作任何更改；請從備份還原。
error-vault-cipher-missing = 此版本的 Accord 無法加密資料庫，因此拒絕寫入。
error-vault-schema-too-new = 此保險庫由較新版本的 Accord 寫入（結構版本 { $found }；本版本僅支援至 { $known }）。請更新 Accord；未作任何更改。
error-vault-weak-kdf = 金鑰衍生參數被拒絕：{ $detail }。
error-keyring-unavailable = 系統鑰匙圈沒有回應（{ $detail }）。保險庫仍可用密語開啟。
error-input-not-found = 找不到{ $entity }「{ $id }」。
error-input-ambiguous = 「{ $id }」符合多個{ $entity }；請提供更完整的編號。
error-input-invalid = { $field }無效：{ $value }。
error-input-required = 必須填寫{ $field }。
error-input-too-long = { $field }超過 { $max } 個字元。
error-time-invalid-zone = 「{ $zone }」不是已知的時區。請使用 IANA 名稱，例如 Asia/Hong_Kong。
error-time-invalid = { $field }「{ $value }」不是有效時間。請寫成 2026-12-03 10:00（會場時間）或 RFC 3339 格式。
error-time-local-gap = 因夏令時間調整，{ $value } 在 { $zone } 中不存在或出現兩次。請選擇其他時間。
error-time-end-before-start = 結束時間早於開始時間。
error-session-caucus-needs-party = 單方會談只與一方進行：請用 --party 指明該方。
error-session-party-only-for-caucus = 只有單方會談才針對單一當事方。
error-session-party-not-in-case = 當事方 { $party } 不是案件 { $case } 的當事方。
error-case-invalid-transition = 案件不能從 { $from } 變為 { $to }。
error-case-closed = 案件已結案（{ $status }），不能再更改。
error-session-already-started = 該會議已經開始。
error-session-not-started = 該會議尚未開始。
error-session-already-ended = 該會議已經結束。
error-note-conflict = 此筆記已在別處儲存（現為第 { $revision } 版）。請重新打開以查看最新內容；您的內容未被覆蓋。
error-note-caucus-needs-party = 單方會談筆記須註明提供該資訊的當事方。
error-note-not-caucus = 只有單方會談筆記才記錄當事方對披露的意見。
error-note-disclosure-not-authorised = 該當事方未授權全部披露此單方會談筆記，因此不能設為共享。
error-audit-broken = 稽核日誌在第 { $seq } 條事件處斷裂：{ $reason }。
error-internal-database = 資料庫錯誤：{ $detail }。未作任何更改。
error-internal-migration = 無法升級保險庫：{ $detail }。未作任何更改。
error-internal-io = 檔案錯誤：{ $detail }。

## 錯誤訊息中的詞語

field-title = 標題
field-name = 名稱
field-kind = 類型
field-role = 角色
field-panel = 名冊
field-status = 狀態
field-mediator = 調解員姓名
field-representative = 代表
field-official-no = 正式案件編號
field-venue = 會場
field-attendee = 出席人
field-start = 開始時間
field-end = 結束時間
field-at = 時間
field-duration = 時長
field-outcome = 結果
entity-case = 案件
entity-party = 當事方
entity-session = 會議
entity-mediator = 調解員
entity-note = 筆記
entity-revision = 版本

## 詞彙

kind-state-to-state = 國家間
kind-investor-state = 投資者與國家間
kind-commercial = 國際商事
panel-state-to-state = 國家間調解員名冊
panel-general = 一般調解員名冊
status-intake = 受理中
status-active = 進行中
status-settled = 已和解
status-terminated = 已終止
status-withdrawn = 已撤回
mediator-role-lead = 首席
mediator-role-co = 共同調解員
party-kind-state = 國家
party-kind-state-entity = 國家實體
party-kind-investor = 投資者
party-kind-company = 公司
party-kind-person = 個人
role-requesting = 申請方
role-responding = 被申請方
role-other = 其他
session-kind-joint = 聯席會議
session-kind-caucus = 單方會談
session-kind-preparatory = 預備會議
session-kind-internal = 內部會議
session-state-scheduled = 已安排
session-state-live = 進行中
session-state-ended = 已結束

## 標籤與表頭

label-reference = 編號
label-official-no = 正式編號
label-title-en = 標題（英文）
label-title-zh = 標題（中文）
label-kind = 類型
label-panel = 名冊
label-status = 狀態
label-id = 識別碼
label-mediators = 調解員
label-session-kind = 會議
label-time-zone = 會場時區
label-venue = 會場
label-scheduled-start = 預定開始
label-scheduled-end = 預定結束
label-actual-start = 實際開始
label-actual-end = 實際結束
label-attendees = 出席人
col-reference = 編號
col-title = 標題
col-kind = 類型
col-status = 狀態
col-official-no = 正式編號
col-id = 識別碼
col-name-en = 名稱（英文）
col-name-zh = 名稱（中文）
col-role = 角色
col-representatives = 代表
col-session = 會議
col-venue-time = 會場時間
col-local-time = 本機時間
col-venue = 會場
col-state = 狀況
col-seq = #
col-time = 時間（UTC）
col-actor = 操作人
col-action = 操作
col-record = 記錄
col-hash = 雜湊

## 指令訊息

prompt-passphrase = 密語
prompt-new-passphrase = 新密語
prompt-repeat-passphrase = 再次輸入新密語
prompt-recovery-key = 復原金鑰
notice-keyring-unavailable = 注意：系統鑰匙圈（Secret Service）沒有回應，此保險庫只能用密語開啟。鑰匙圈可用後請執行 “accord keyring enable”。（{ $detail }）
init-created = 已在 { $path } 建立保險庫。
init-recovery-key-heading = 您的復原金鑰：
init-recovery-key-once = 請抄寫下來，並與本電腦分開保管。它只顯示這一次；忘記密語時可用它開啟保險庫。
init-keyring-stored = 金鑰也儲存在系統鑰匙圈中，本帳戶無需輸入即可開啟保險庫。
init-keyring-unavailable = 保險庫只能用密語開啟。
init-keyring-declined = 金鑰未儲存在系統鑰匙圈中；保險庫用密語開啟。
unlock-passphrase-reset = 密語已更換。復原金鑰仍然有效。
unlock-done = 已解鎖：密語正確，保險庫完好。
unlock-done-keyring = 已解鎖：金鑰已放回系統鑰匙圈，直至執行 “accord lock”。
lock-done = 已鎖定：下一條指令將要求輸入密語。
passphrase-changed = 密語已更改。
keyring-state-enabled = 金鑰儲存在系統鑰匙圈中。
keyring-state-disabled = 金鑰未儲存在系統鑰匙圈中。
keyring-state-unavailable = 建立保險庫時系統鑰匙圈沒有回應；金鑰未儲存在其中。
audit-verified = 稽核日誌完好：{ $events } 條事件，{ $records } 條記錄與之相符。
demo-created = 已建立示例案件 { $reference }，包括兩個當事方、一次聯席會議和兩次單方會談。
