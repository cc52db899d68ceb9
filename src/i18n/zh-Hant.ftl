# Accord 程式文字，繁體中文。鍵須與 en.ftl 完全一致。

## 錯誤（按穩定代碼）

error-label = 錯誤
warning-label = 警告
error-vault-not-found = { $path } 處沒有保險庫。請用 “accord init” 建立，或用 --vault 指向已有的保險庫。
error-vault-exists = { $path } 處已有保險庫。未作任何更改。
error-vault-in-use = 保險庫正被另一個 Accord 視窗或指令使用。請先關閉它再重試。
error-vault-locked = 保險庫已鎖定。請解鎖後繼續。
error-vault-keyring-after-lock = 保險庫已鎖定：請輸入密語解鎖。之後鑰匙圈會再次可用。
error-vault-wrong-passphrase = 密語錯誤。未作任何更改。
error-vault-wrong-recovery-key = 該復原金鑰無法開啟此保險庫。請核對後重試。
error-vault-passphrase-required = 需要密語。請在提示處輸入，或提供 --passphrase-file 或 ACCORD_PASSPHRASE。
error-vault-passphrase-too-short = 密語至少需要 { $min } 個字元。
error-vault-passphrase-mismatch = 兩次輸入的密語不一致。未作任何更改。
error-vault-damaged = 保險庫已損壞（{ $detail }）。未作任何更改；請從備份還原。
error-vault-cipher-missing = 此版本的 Accord 無法加密資料庫，因此拒絕寫入。
error-vault-schema-too-new = 此保險庫由較新版本的 Accord 寫入（結構版本 { $found }；本版本僅支援至 { $known }）。請更新 Accord；未作任何更改。
error-vault-needs-migration = 此保險庫的結構版本較舊（{ $found }；本版本使用 { $known }），且另一個 Accord 正開啟它，因此現在無法升級。請關閉另一個 Accord（桌面應用程式或正在執行的指令）後再試；未作任何更改。
error-vault-weak-kdf = 金鑰衍生參數被拒絕：{ $detail }。
error-files-not-private = { $path } 並非僅您可用（{ $detail }）：這台電腦的其他使用者可能讀取或替換它。請將其設為僅您可用：資料夾用 chmod 700，檔案用 chmod 600。
error-keyring-unavailable = 系統鑰匙圈沒有回應（{ $detail }）。保險庫仍可用密語開啟。
error-input-not-found = 找不到{ $entity }「{ $id }」。
error-input-ambiguous = 「{ $id }」符合多個{ $entity }；請提供更完整的編號。
error-input-invalid = { $field }無效：{ $value }。
error-input-required = 必須填寫{ $field }。
error-input-too-long = { $field }超過 { $max } 個字元。
error-input-invisible-character = { $field }含有字元 { $codepoint }：它會斷行，或不可見且可使文字顯示的次序與實際儲存不同。請刪除後重試。
error-time-invalid-zone = 「{ $zone }」不是已知的時區。請使用 IANA 名稱，例如 Asia/Hong_Kong。
error-time-invalid = { $field }「{ $value }」不是有效時間。請寫成 2026-12-03 10:00（會場時間）或 RFC 3339 格式。
error-time-local-gap = 因夏令時間調整，{ $value } 在 { $zone } 中不存在或出現兩次。請選擇其他時間。
error-time-end-before-start = 結束時間早於開始時間。
error-session-caucus-needs-party = 單獨會談只與一方進行：請用 --party 指明該方。
error-session-party-only-for-caucus = 只有單獨會談才針對單一當事方。
error-session-party-not-in-case = 當事方 { $party } 不是案件 { $case } 的當事方。
error-case-invalid-transition = 案件不能從 { $from } 變為 { $to }。
error-case-closed = 案件已結案（{ $status }），不能再更改。
error-session-already-started = 該會議已經開始。
error-session-not-started = 該會議尚未開始。
error-session-already-ended = 該會議已經結束。
error-note-conflict = 此筆記已在別處儲存（現為第 { $revision } 版）。請重新打開以查看最新內容；您的內容未被覆蓋。
error-note-caucus-needs-party = 單獨會談筆記須註明提供該資訊的當事方。
error-note-not-caucus = 只有單獨會談筆記才記錄當事方對披露的意見。
error-note-disclosure-not-authorised = 該當事方未授權全部披露此單獨會談筆記，因此不能設為共享。
error-agreement-final = 協議已定稿，不能再更改。
error-agreement-clause-referenced = 第 { $clause } 條被第 { $by } 條引用：請先刪除該引用。
error-agreement-clause-has-subclauses = 第 { $clause } 條有分條：請先移動或刪除分條。
error-agreement-unknown-reference = 沒有可引用的第 { $reference } 條。
error-agreement-checks-failed = 有 { $count } 項檢查未通過，協議仍為草稿。請執行檢查查看每一項。
error-agreement-print-failed = 無法排版此協議（{ $detail }），未寫入任何檔案。
error-audit-broken = 稽核日誌在第 { $seq } 條事件處斷裂：{ $reason }。
error-audit-rolled-back = 此保管庫的資料庫比其稽核錨點舊：已記錄第 { $anchored } 條事件，但日誌現止於第 { $found } 條。可能有人放回了舊的資料庫副本，或最近的更改已遺失。未作任何更改；請從最新備份還原。
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
field-en = 英文術語
field-zh-hans = 簡體中文術語
field-zh-hant = 繁體中文術語
field-zh = 中文術語（簡體或繁體）
field-domain = 領域
field-note = 說明
field-csv = CSV 檔案
field-file = 檔案
entity-case = 案件
entity-party = 當事方
entity-session = 會議
entity-mediator = 調解員
entity-note = 筆記
entity-revision = 版本
entity-term = 術語
entity-agreement = 協議
entity-clause = 條款
entity-version = 版本
entity-template = 條款範本

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
session-kind-caucus = 單獨會談
session-kind-preparatory = 預備會議
session-kind-internal = 內部會議
session-state-scheduled = 已安排
session-state-live = 進行中
session-state-ended = 已結束
origin-seed = 預置詞表
origin-mediator = 調解員
origin-import = 匯入
side-en = 英文
side-zh = 中文

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
col-term-en = 英文
col-term-zh-hans = 簡體
col-term-zh-hant = 繁體
col-domain = 領域
col-origin = 來源
col-found-in = 出現於
col-missing-from = 缺失於

## 指令訊息

prompt-passphrase = 密語
prompt-new-passphrase = 新密語
prompt-repeat-passphrase = 再次輸入新密語
prompt-recovery-key = 復原金鑰
notice-keyring-unavailable = 注意：系統鑰匙圈（Secret Service）沒有回應，此保險庫只能用密語開啟。鑰匙圈可用後請執行 “accord keyring enable”。（{ $detail }）
notice-secret-file-open = 警告：本機其他使用者可以讀取 { $path }。密語檔案應保持私密：chmod 600 { $path }
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
recovery-rotated = 已產生新的復原金鑰。舊的金鑰不能再開啟此保險庫（舊的 vault.json 副本仍接受它：執行 `accord rekey` 可杜絕此情況）。
rekey-done = 保險庫已用新金鑰重新加密，並產生新的復原金鑰。密語不變。舊的復原金鑰及舊 vault.json 的任何副本都不能再開啟此保險庫。
keyring-state-enabled = 金鑰儲存在系統鑰匙圈中。
keyring-state-disabled = 金鑰未儲存在系統鑰匙圈中。
keyring-state-unavailable = 建立保險庫時系統鑰匙圈沒有回應；金鑰未儲存在其中。
guard-on = 單獨會談保密防護已開啟：聯席會議正在進行，應用程式中的單獨會談及私人筆記須確認後才顯示。
guard-off = 單獨會談保密防護未開啟：沒有正在進行的聯席會議。
audit-verified = 稽核日誌完好：{ $events } 條事件，{ $records } 條記錄與之相符。
demo-created = 已建立示例案件 { $reference }，包括兩個當事方、一次聯席會議和兩次單獨會談。

## Notes

field-text = 文本
field-text-en = 英文文本
field-text-zh = 中文文本
field-checked-by = 譯文核對人
field-scope = 披露範圍
field-given-by = 代表當事方表態者的姓名
field-given-at = 當事方表態的時間
field-summary = 摘要
field-visibility = 可見範圍
field-tag = 標籤
field-script = 字體
field-session = 會議
field-side = 譯文一側
field-confidentiality = 保密規則
field-query = 搜尋內容
visibility-shared = 共享
visibility-caucus = 單獨會談
visibility-private = 僅本人
tag-fact = 事實
tag-issue = 爭議點
tag-interest = 利益
tag-option = 方案
tag-proposal = 提議
scope-all = 可全部披露
scope-summary = 可披露摘要
scope-none = 保密
translated-en = 英文為中文的譯文
translated-zh = 中文為英文的譯文
confidentiality-icsid = ICSID 調解規則（未經授權不得披露）
confidentiality-hong-kong = 香港《調解條例》（未經授權不得披露）
confidentiality-uncitral = 貿法會示範法（除非要求保密，否則可披露）
label-confidentiality = 單獨會談保密
label-visibility = 可見範圍
label-tags = 標籤
label-revision = 版本
label-saved = 儲存時間
label-disclosure = 披露
label-translation = 翻譯
label-text-en = 英文
label-text-zh = 中文
col-visibility = 可見範圍
col-tags = 標籤
col-text = 內容
col-revision = 版本
col-note = 筆記
col-scope = 披露
col-given-by = 表態者
col-given-at = 表態時間
note-restored-from = （恢復自第 { $revision } 版）
term-imported = 已匯入：新增 { $added } 條，更新 { $updated } 條，未變 { $unchanged } 條。
term-exported = 已將 { $count } 條術語寫入 { $path }。
term-removed = 已刪除術語「{ $en }」。
term-check-clean = 未發現缺漏：一方文本中的已知術語在另一方均有對應。
col-when = 時間
search-total = 找到的筆記：{ $total }

## 協議（accord draft）

status-draft = 草稿
status-final = 定稿
position-proposed = 已提議
position-accepted = 已接受
position-objected = 有異議
position-open = 待定
language-regime-equal = 兩種文本同等作準
language-regime-en-prevails = 以英文文本為準
language-regime-zh-prevails = 以中文文本為準
script-hans = 簡體
script-hant = 繁體
field-heading-en = 英文標題
field-heading-zh = 中文標題
field-missing-reason = 缺少一種語言的原因
field-comment = 意見
field-label = 版本名稱
field-place = 條款位置
field-language-regime = 語言效力
field-position = 立場
label-language-regime = 語言效力
label-script = 中文字體
label-version = 版本
label-version-label = 名稱
label-saved-by = 儲存人
label-fingerprint = 指紋
label-missing-reason = 缺少語言
col-updated = 更新時間
col-version = 版本
col-label = 名稱
col-fingerprint = 指紋
draft-clause-removed = 第 { $number } 條已刪除。
draft-no-clauses = 尚無條款。
draft-no-versions = 尚未儲存版本。

# Agreements: redlines and checks.
draft-diff-moved = { $to }（由 { $from } 移來）
change-same = 未改
change-edited = 已改
change-added = 新增
change-removed = 刪除
change-moved = 移動
draft-checks-passed = 全部檢查通過：協議可以定稿。
draft-final = 協議已定稿，並凍結為以下版本：
check-missing-language = 第 { $clause } 條沒有{ $side ->
        [en] 英文
       *[zh] 中文
    }文本，也沒有記錄原因。
check-term-gap = 第 { $clause } 條：術語「{ $term }」出現在{ $found_in ->
        [en] 英文
       *[zh] 中文
    }文本中，另一文本卻沒有。
check-placeholder = 第 { $clause } 條：{ $placeholder } 尚未填寫。
check-figure-mismatch = 第 { $clause } 條：{ $detail }
check-figure-flag = 第 { $clause } 條：「{ $text }」須人工確定（{ $flag }）。
check-language-clause = 協議須有且只有一條語言條款；現有 { $count } 條。
check-signature-block = 協議須有且只有一個簽署欄；現有 { $count } 個。
check-mediator-statement = 協議須有且只有一項調解員關於協議經調解達成的聲明；現有 { $count } 項。
check-font-coverage = { $where ->
    [title] 標題
   *[clause] 第 { $clause } 條
}含有列印字型無法顯示的字元：{ $chars }。請改用其他寫法，否則 PDF 中會顯示為空框。
draft-source-moved-on = 其來源提議筆記在採用後已被修改。
library-saved = 已存入條款庫，鍵為 { $key }。
library-exported = 已將 { $count } 個範本寫入 { $path }。
library-imported = 條款庫：新增 { $added } 個，更新 { $updated } 個，未變 { $unchanged } 個。
col-key = 鍵
draft-rendered = 已寫入 { $path }。
