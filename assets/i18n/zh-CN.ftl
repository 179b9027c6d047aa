# Hotwash — 简体中文界面文字。这里的每个 id 也必须在 en.ftl 中存在（有测试比对）。
# 参数写在 { $花括号 } 中。

nav-library = 演练库
nav-settings = 设置
nav-trainee = 学员：{ $trainee }

category-fraud-call = 诈骗与冒充来电
category-phishing = 钓鱼与仿冒链接
category-social-engineering = 社会工程
category-data-leak = 数据泄露
category-mass-complaint = 群体投诉
category-urgent-help = 紧急求助
category-crisis-management = 危机管理

difficulty-introductory = 入门
difficulty-intermediate = 进阶
difficulty-advanced = 高级

outcome-resolved = 已解决
outcome-partially-resolved = 部分解决
outcome-harmed = 造成损害

library-search = 搜索
library-search-hint = 标题、编号或情境
library-all = 全部类别
library-all-languages = 全部语言
library-rescan = 查找新文件
library-open = 打开
library-never-played = 尚未演练
library-last-result = 上次结果：{ $outcome } · { $levels } · { $date }
library-card-facts = { $difficulty } · { $language } · 约 { $minutes } 分钟
library-broken = { $count } 个剧本文件有错误
library-broken-details = 全部问题
library-loading = 正在读取 { $count } 个剧本文件……
library-empty = { $folder } 中没有剧本。
library-unreadable = { $count } 个复盘记录文件无法读取：{ $first }
library-resume-title = 有一次演练被中断
library-resume-what = 《{ $title }》，{ $trainee }，已完成 { $decisions } 个决策。中断期间的时间不计入演练。
library-resume = 继续演练
library-discard = 放弃

briefing-facts = { $category } · { $difficulty } · { $language } · 约 { $minutes } 分钟
briefing-role = 你的角色
briefing-situation = 情境
briefing-objectives = 本次演练的训练目标
briefing-allowed = 你可以做的事
briefing-timed = 部分决策有时限：先给你阅读眼前内容的时间（蓝色进度条），然后开始计时（橙色进度条）；计时结束时，演练会按超时继续。
briefing-start = 开始演练
briefing-back = 返回演练库
briefing-keys = 按键：1–9 选择，P 暂停。
briefing-gone = 该剧本已不在演练库中（文件被删除或出现错误）。

drill-trainee = 学员：{ $trainee }
drill-pause = 暂停 (P)
drill-resume = 继续 (P)
drill-paused = 主持人已暂停
drill-paused-hint = 计时已停止。按 P 或“继续”恢复。
drill-desk = 坐席工作台
drill-desk-empty = 屏幕上暂时没有内容。
drill-caller-id = 来电号码：{ $id }
drill-notification = 新消息 · { $channel } · { $who }
drill-new = 新
drill-you = 你：
drill-timed-out = 超时：
drill-answered = 你已提交报告。
drill-revealed = 你查看了被遮蔽的字段“{ $field }”。
drill-crm = 客户系统 · { $title }
drill-reveal = 查看
drill-reveal-hint = 显示完整内容。查看操作会记录在复盘中。
drill-email = 电子邮件
drill-sms = 短信
drill-from = 发件人：{ $from }
drill-subject = 主题：{ $subject }
drill-link-hover = 链接地址：{ $href } —— 真实域名：{ $domain }
drill-queue-rate = 每分钟 +{ $rate }
drill-countdown = 剩余 { $seconds } 秒
drill-reading = 阅读时间：{ $seconds } 秒，之后有 { $limit } 秒作决定
drill-choose = 你的回应（按 1–9 或点击）：

channel-call = 电话
channel-chat = 在线聊天
channel-email = 电子邮件
channel-sms = 短信
channel-system = 系统通知

role-caller = 来电者
role-colleague = 同事
role-supervisor = 主管
role-system = 系统
role-other = 其他

report-description = 事件描述：发生了什么、何时发生、如何发现
report-scope = 影响范围：涉及哪些人员和哪些数据
report-measures = 已采取措施：做了什么、通知了谁
report-submit = 提交

review-title = 复盘报告：{ $title }
review-facts = { $trainee } · { $duration } · 种子 { $seed } · { $started }
review-ratings = 能力评级
review-competency = 能力项
review-rating = 评级
review-points = 得分
review-why = 原因
review-scale = P = 顺利完成 · S = 完成但有一些困难 · M = 完成但困难较大 · U = 未能完成
review-q1 = 一、应该发生什么
review-expert-path = 专家路径
review-q2 = 二、实际发生了什么
review-time = 时间
review-what = 事件
review-response = 反应时间
review-q3 = 三、为什么
review-answered-in = 用时 { $seconds }
review-you-chose = 你的选择：{ $choice }
review-timed-out = （超时）
review-expert-would = 专家路径：{ $choice }
review-flags-caught = 通过选择识别出的危险信号：{ $count }
review-flags-missed = 漏掉的危险信号：{ $count }
review-report = 你的事件报告与检查清单对照
review-empty = （空）
review-q4 = 四、保持什么，改进什么
review-sustain = 继续保持
review-improve = 需要改进
review-plan = 改进计划
review-follow-ups = 建议的后续演练
review-follow-up-reason = 训练{ $trains }；{ $history }
review-follow-up-new = 尚未练习过
review-follow-up-weak = 上次{ $competency }评为 { $level }
review-follow-up-played = 练习过
review-notes = 评估员备注
review-open-html = 打开可打印的复盘
review-open-md = 打开 Markdown
review-not-saved = 演练无法保存：{ $why }。它仍作为进行中的演练保留。
review-replay = 再练一次，相同种子（{ $seed }）
review-retry = 再练一次，新种子
review-back = 返回演练库
review-feedback-ask = 这次演练对你有帮助吗？
review-feedback-given = 你给这次演练打了 { $stars }/5 分，谢谢。可以重新评分：
review-feedback-stars = { $stars }/5 分
review-feedback-hint = 哪里好、哪里不对劲（选填）
review-feedback-send = 提交评分
review-saved = 已保存：{ $file }

settings-title = 设置
settings-trainee = 学员姓名或工号
settings-trainee-hint = 例如 李娜 或 A1027
settings-language = 语言
settings-text-size = 文字大小
settings-data-folder = 数据文件夹
settings-data-hint = 复盘记录和进行中的演练保存在这里。留空则使用系统的数据文件夹。
settings-data-overridden = 本次运行使用 --data-dir：{ $folder }
settings-save = 保存
settings-cancel = 取消
settings-file = 设置保存在 { $file }
settings-lrs-title = 学习记录库（LRS）
settings-lrs-hint = 完成的演练以 xAPI 语句发送，学员以化名出现（见 docs/xapi.md）。地址留空则不发送。
settings-lrs-endpoint = LRS 地址（xAPI 端点）
settings-lrs-base = 机构基址 IRI
settings-lrs-auth = 凭据文件
settings-lrs-auth-hint = 第一行为 用户名:密码 的文件
settings-lrs-key = 化名密钥文件
settings-lrs-key-hint = 机构统一的密钥；留空则使用本数据文件夹自己的密钥
settings-lrs-queue = 待发送到 LRS 的演练：待发送 { $pending } · 已发送 { $sent } · 被拒收 { $failed }
settings-lrs-busy = 正在发送…
settings-lrs-waiting = 等待发送：{ $why }
settings-lrs-failed = { $drill } 被拒收：{ $why }
settings-lrs-send-now = 立即发送
settings-lrs-retry = 重新发送被拒收的演练
settings-lrs-invalid = LRS 设置未保存：{ $why }
app-data-unwritable = 演练未开始：结果无法保存。{ $error }
app-lrs-not-queued = 演练已保存，但未加入 LRS 发送队列：{ $why }

tour-report-description = 10:05 有来电者自称银行安全部门，索要验证码；我拒绝并结束了通话。
tour-report-scope = 涉及一个客户账户；未泄露验证码或银行卡信息。
tour-report-measures = 已标记账户，按档案号码回拨客户核实，并向安全团队登记了案件。

nav-team = 团队复盘
team-title = 团队复盘
team-pseudonymize = 用化名代替姓名
team-refresh = 重新读取数据文件夹
team-export = 导出：
team-exported = 已导出到 { $file }
team-read = 已读取 { $read } 份复盘记录，{ $skipped } 份无法读取。
team-empty = 数据文件夹中还没有复盘记录。每完成一次演练就会增加一份。
team-competencies = 各项能力评级
team-needs-support = 需要辅导（M 或 U）
team-decisions = 团队最常出错的决策点
team-decision = 决策点
team-wrong = 出错
team-median = 反应时间中位数
team-slowest = 最慢
team-answers = 各选项次数（★ 为专家路径）
team-flags = 最常漏掉的危险信号
team-flag-row = { $flag }（{ $scenario }）：出现 { $shown } 次，漏掉 { $missed } 次
team-trainees = 每位学员的演练
team-flags-caught = 危险信号 { $caught }/{ $shown }
team-assessments = 考核
team-assessment = 考核
team-assessment-trainee = 学员
team-assessment-result = 结果
team-progress = 每位学员各能力项的首次与最近评级
team-progress-row = **{ $trainee }**：{ $list }
team-feedback = 学员对演练的反馈
team-feedback-drill = 演练
team-feedback-ratings = 评分数
team-feedback-average = 平均
team-prompts = 复盘讨论问题

review-add-note = 添加评估员备注
review-note-author = 你的姓名
review-note-text = 你在这个决策点观察到的情况
review-note-pin = 固定备注
team-folder = 复盘记录文件夹
team-read-folder = 读取
team-open-review = 查看复盘
drill-note = 主持人对第 { $decision } 个决策的备注：
drill-abandon = 终止演练
drill-abandon-hint = 不生成复盘直接结束演练；已进行的部分会保存在数据文件夹中。
library-no-match = 没有符合搜索和筛选条件的剧本。

## 能力项：六项标准能力（剧本自定义的能力项由剧本命名）。

competency-identity-verification = 身份核验
competency-data-protection = 数据保护
competency-fraud-recognition = 诈骗识别
competency-escalation-reporting = 升级与报告
competency-crisis-communication = 危机沟通
competency-procedure-compliance = 流程合规

## 单次演练的复盘报告：保存的 Markdown 和 HTML，以及命令行的输出。
## 与复盘界面共用的标题见上面的 review-* 条目。

review-sep = ：
review-trainee = 学员
review-started = 开始时间
review-seed = 随机种子
review-duration = 演练用时
review-outcome = 结果
review-points-unit = 分
review-objectives = 学习目标
review-event = 事件
review-chosen = 你的选择
review-time-ran-out = 超时未作答
review-expert-answer = 专家答案
review-best = 专家答案
review-cited = 法律与制度依据
review-caught = 通过选择识别出的危险信号
review-missed = 漏掉的危险信号
review-none = 无。
review-seen-at = 出现于
review-reports = 书面回答
review-section-description = 事件描述
review-section-scope = 影响范围
review-section-measures = 已采取措施
review-answer = 回答
review-covered = 已覆盖
review-not-covered = 未覆盖
review-artefact-crm = 客户档案
review-artefact-email = 电子邮件
review-artefact-sms = 短信
review-artefact-queue = 投诉队列
review-artefact-note = 便笺
review-said = { $who }：{ $text }
review-shown = 屏幕显示：{ $what }
review-interruption = 插入事件 — { $who }：{ $text }
review-asked = 要求书面回答：{ $prompt }
review-chose = 你选择了：{ $choice }
review-timeout-row = 超时：{ $choice }
review-answered-row = 你提交了书面回答
review-revealed-row = 你查看了隐藏字段“{ $field }”
review-ended = 结局：{ $title }
review-lost-points = 在“{ $label }”你选择了“{ $choice }”（得 { $got } 分，满分 { $best } 分）
review-lost-check = 在“{ $label }”你的书面回答遗漏了清单要点（得 { $got } 分，满分 { $best } 分）
review-full-points = 在所有相关决策点均得满分
review-sustain-choice = 在“{ $label }”你选择了专家答案：{ $choice }
review-sustain-flag = 你识别出了危险信号“{ $flag }”
review-sustain-check = 你的书面回答覆盖了：{ $item }
review-improve-choice = 在“{ $label }”：{ $feedback } — 更好的做法：{ $expert }
review-improve-flag = 你漏掉了危险信号“{ $flag }”：{ $why }
review-improve-check = 你的书面回答没有覆盖：{ $item }
review-plan-competency = { $competency }（{ $level }）：学习上面的反馈，然后练习：{ $drills }
review-plan-flags = 学会识别：{ $flags }
review-plan-speed = 在压力下更快作出决定：你有 { $count } 次超时
review-plan-retry = 换一个随机种子再练一次本演练，争取“已解决”的结果
review-plan-keep = 保持水平：下次挑战更难的演练

## 团队复盘：应用和命令行导出的 Markdown、HTML 和 CSV。

team-md-count = 共 { $debriefs } 份复盘记录，{ $trainees } 名学员。
team-md-support = 需要辅导的学员（M、U）
team-md-decisions = 决策点（出错最多的在前）
team-md-wrong = { $met } 次作答中有 { $wrong } 次未给出专家答案 · 反应时间中位数 { $median } · 最慢 { $slowest }
team-md-wrong-written = { $met } 份书面回答中有 { $wrong } 份遗漏了清单要点 · 反应时间中位数 { $median } · 最慢 { $slowest }
team-md-answer = 回答
team-md-chose = 选择次数
team-md-share = 占比
team-md-harm = 以造成损害告终
team-md-flags = 危险信号（漏掉最多的在前）
team-md-flag = 危险信号
team-md-drill = 演练
team-md-missed = 漏掉
team-md-shown = 出现
team-md-trainees = 学员
team-md-red-flags = 危险信号
team-md-time = 用时
team-md-trend = 趋势：{ $trend }（{ $first } → { $last }）。
team-trend-improving = 进步
team-trend-declining = 退步
team-trend-steady = 持平
team-prompt-decision = 在“{ $label }”（{ $scenario }），{ $met } 次作答中有 { $wrong } 次未给出专家答案。
team-prompt-decision-other = 在“{ $label }”（{ $scenario }），{ $met } 次作答中有 { $wrong } 次未给出专家答案。最常见的其他回答是“{ $answer }”（{ $met } 次中选了 { $count } 次）。它为什么让人想选？
team-prompt-written = 在“{ $label }”（{ $scenario }），{ $met } 份书面回答中有 { $wrong } 份遗漏了清单要点。压力之下，哪些要点最容易忘？
team-prompt-flag = 危险信号“{ $flag }”（{ $scenario }）在 { $shown } 次演练中被漏掉 { $missed } 次。在真实通话中，怎样才能让它更容易被注意到？
team-prompt-slow = “{ $label }”（{ $scenario }）的作答用时最长（中位数 { $median }）。是什么让我们在那里慢了下来？
team-csv-trainee = 学员
team-csv-scenario = 剧本
team-csv-language = 语言
team-csv-started = 开始时间
team-csv-outcome = 结果
team-csv-seconds = 演练秒数
team-csv-share = 得分比例
team-csv-caught = 识别的危险信号
team-csv-shown = 出现的危险信号
team-csv-source = 来源
team-csv-withheld = （已隐去）

## 命令行的演练记录（hotwash run），使用演练的语言。

cli-heading = 《{ $title }》— 随机种子 { $seed }，学员 { $trainee }
cli-answer-within = （请在 { $seconds } 秒内作答）
cli-read-then-answer = （先阅读 { $read } 秒，再在 { $seconds } 秒内作答）
cli-shape-report = 事件报告：事件描述、影响范围、已采取措施
cli-input = { $prompt }（{ $shape }）
cli-shape-text = 书面回答
cli-time-ran-out = 超时未作答。
cli-crm = 客户系统：{ $title }
cli-masked = （已遮蔽）
cli-from = { $kind }，发件人：{ $from }
cli-link = 链接：{ $text }（实际打开：{ $domain }）
cli-queue = { $label }：{ $count } 条待处理（每分钟 +{ $rate }）
cli-choose = 请选择（编号或 id）
cli-too-late = 太迟了：时间已到。
cli-no-such-option = 没有这个选项。请选择
cli-wrote = 已写入 { $file }

## The command line's reports (check, explore, new, replay, note, review, export) and its errors.
## An outcome's key (resolved, partially_resolved, harmed) is shown by its name.
cli-check-no-files = { $folders } 下没有剧本文件（*.ron）
cli-check-summary = 已检查 { $files } 个文件：{ $clean } 个无问题，{ $errors } 个错误，{ $warnings } 个警告
cli-has-errors = { $file } 有错误，请修正后运行 `hotwash check` 检查
cli-explore-every-branch = 已遍历全部分支，共 { $states } 种不同状态
cli-explore-sampled = 状态过多（超过 { $max } 种）：改为随机抽查 { $paths } 条路径
cli-explore-heading = 《{ $title }》（{ $file }）：{ $mode }
cli-explore-endings = 可到达的结局：{ $reached } 个（共 { $total } 个）
cli-explore-ending = { $id }（{ $outcome ->
        [resolved] 已解决
        [partially_resolved] 部分解决
        [harmed] 造成损害
       *[other] { $outcome }
    }）：最少 { $steps } 步到达，路径 { $path }
cli-explore-points = 各能力项得分（所有完整路径中的最低 … 最高）：
cli-explore-expert = 专家路径：{ $path }
cli-explore-traps = 选了之后再也无法到达“已解决”结局的选项：{ $choices }
cli-explore-none = 无
cli-explore-ending-unreached = 结局 `{ $id }` 在演练中始终无法到达
cli-explore-node-unreached = 节点 `{ $id }` 在演练中始终无法到达
cli-explore-stuck = 节点 `{ $id }`：{ $why }
cli-explore-no-problems = 未发现问题。
cli-explore-problems = 发现的问题：
cli-new-bad-id = `{ $id }` 不能用作 id：只能使用小写字母、数字、`-` 和 `_`
cli-new-exists = { $file } 已存在，未写入任何内容
cli-new-next = 下一步：编辑该文件，然后运行  hotwash check --deny-warnings { $file }
cli-no-app = 此版本不含桌面应用（构建时未启用 `gui` 功能）。
cli-no-app-hint = 请用 `cargo run --release` 构建，或在终端中进行演练：  hotwash run { $example }
cli-key-created = 已创建化名密钥 { $file }（请妥善保管，切勿外传；同一密钥总会生成相同的化名）
cli-reading-debriefs = 正在读取复盘记录
cli-skipped = 已跳过：{ $what }
cli-no-debriefs = 没有可读取的复盘记录（找到 { $found } 个文件，跳过 { $skipped } 个）
cli-review-wrote = 已写入 { $file }（{ $debriefs } 份复盘记录，跳过 { $skipped } 份）
cli-no-saved-run = 没有可继续的演练：{ $file } 中没有保存该学员此演练的中断记录
cli-saved-run-kept = 此演练之前中断的进度已另存为 { $file }（现在开始新的一轮；使用 `--resume` 可从中断处继续）
library-path-title = 我的培训路径
library-path-track = 路径
library-path-level = 第 { $n }/{ $levels } 级 · { $name } —— 已通过 { $passed }/{ $of }
library-path-next = 下一个：{ $title } —— { $reason }
library-path-open = 打开
library-path-problem = 课程文件无法使用：{ $why }
path-drill = { $mark } { $id } —— { $title }：{ $state }
path-list-sep = 、
assess-heading = 考核“{ $name }”（{ $id }），{ $trainee }：{ $verdict }
assess-passed = 通过
assess-failed = 未通过
assess-incomplete = 未完成，已做 { $done }/{ $of } 个演练
assess-recorded = 已记入考核“{ $name }”：已做 { $done }/{ $of } 个演练。全部演练完成后公布结果。
assess-nobody = 还没有人参加考核 `{ $id }`
cli-assess-unknown = 没有考核 `{ $id }`；现有考核：{ $ids }
cli-assess-not-in-set = { $drill } 不在考核 `{ $id }` 中（其演练：{ $drills }）
cli-assess-seed = --seed 不能与 --assessment 同时使用：考核为每位学员指定种子
path-heading = { $trainee } 的培训路径：{ $track }（{ $id }）
path-level = 第 { $n } 级 · { $name } —— 已通过 { $passed }/{ $of }
path-here = ← 当前所在
path-passed = 已通过
path-failed = 未通过（{ $why }）
path-not-played = 尚未演练
path-short = { $competency } { $got }（需达到 { $mark }）
path-not-resolved = 演练未以“已解决”结束
path-next = 下一个：{ $id } —— { $title }：{ $reason }
path-complete = 本路径已完成：所有演练均已通过。
path-reason-placement = 先做分级测评，确定起点
path-reason-failed = 上次未通过：{ $why }
path-reason-weakest = 练习 { $competency }，这是你目前最弱的能力项
path-reason-not-played = 本级中你尚未演练的下一个
path-no-curriculum = 没有课程文件：{ $file } 不存在（编写方法见 docs/curriculum.md）
path-no-track = 没有路径 `{ $track }`；现有路径：{ $tracks }
cli-feedback-kept = 你的评分（{ $stars }/5）和意见已保存到 { $file }，谢谢
cli-resume-seed = --seed 不能与 --resume 同时使用：继续的演练沿用保存时的种子
cli-resume-assessment = 保存的演练属于考核 { $saved }，而非 { $given }：请按原方式继续
cli-export-bad-base = --base { $base }：{ $why }（该基址用于命名活动与扩展，并作为账户主页）
cli-export-base-needed = 发送到 LRS 需要机构自己的 --base（或 $HOTWASH_XAPI_BASE），例如 https://lms.example.org/xapi：默认值指向一个不受任何人控制的主机
cli-lrs-clear = 警告：{ $url } 使用明文 http，LRS 密码将以未加密方式传输；请改用 https
cli-lrs-sending = 正在发送到 { $url }
cli-lrs-refused = LRS 拒收了语句 { $id }（{ $verb }，来自 { $file }）：{ $status } { $message }
cli-lrs-sent = { $url } 上的 LRS 已存有 { $debriefs } 份复盘记录中 { $statements } 条语句里的 { $stored } 条；被拒收 { $refused } 条
cli-export-wrote = 已将 { $debriefs } 份复盘记录中的 { $statements } 条语句写入 { $file }
cli-noted = 已在 { $file } 的第 { $decision } 个决策（`{ $node }`）处添加备注
cli-replay-no-scenario = 在 ./scenarios 和复盘记录所在文件夹中都没有找到剧本 `{ $id }`（{ $language }）；请用 --scenario 指定
cli-replay-fails = { $debrief }：无法对照 { $scenario } 重放：{ $error }
cli-replay-verified = { $debrief }：已对照 { $scenario } 验证：{ $decisions } 个决策，结局 `{ $ending }`，得分一致
cli-replay-differs = { $debrief }：对照 { $scenario } 重放的结果与记录不一致：

## What differs between a debrief and its replay (hotwash replay).
replay-scenario-changed = 演练之后剧本已被修改：当时的内容为 { $then }，现在为 { $now }
replay-ending-differs = 结局：记录为 `{ $recorded }`（{ $recorded_outcome ->
        [resolved] 已解决
        [partially_resolved] 部分解决
        [harmed] 造成损害
       *[other] { $recorded_outcome }
    }），重放到达 `{ $replayed }`（{ $replayed_outcome ->
        [resolved] 已解决
        [partially_resolved] 部分解决
        [harmed] 造成损害
       *[other] { $replayed_outcome }
    }）
replay-score-differs = 能力项 `{ $competency }` 得分：记录为 { $recorded }，重放得 { $replayed }
replay-decisions-differ = 从第 { $from } 个决策起不一致（记录 { $recorded } 个，重放 { $replayed } 个）
replay-events-differ = 从第 { $from } 个事件起不一致
replay-state-differs = 变量、识别出的危险信号或随机细节不一致
replay-format-differs = 复盘记录标明的格式为 { $recorded }；本版本 Hotwash 写入的格式为 { $replayed }

## The desktop app's notices.
app-open-missing = --open { $file }：文件夹中没有可演练的同名剧本
app-no-scenario-folder = 剧本文件夹 { $folder } 不存在；请用 --scenarios 指定
app-kept-interrupted = 被中断的演练已另存为 { $file }
app-kept-stopped = 演练已终止；已另存为 { $file }
app-scenario-gone = { $file }：该剧本有错误或已不存在，请查看演练库
app-resume-scenario-gone = { $file }：该剧本不在演练库中或有错误
app-no-such-folder = { $folder }：文件夹不存在
app-no-pseudonyms = 无法生成化名：{ $error }
app-debrief-scenario-missing = { $file }：它所用的剧本 `{ $id }`（{ $language }）不在演练库中
app-note-empty = 备注为空，未固定
app-settings-unreadable = { $error }；已改用默认设置
app-settings-unreadable-kept = { $error }；已改用默认设置（原文件另存为 { $file }）

blind-heading = 不看内容作答（每种策略 { $seeds } 个种子；需要书面作答时只写一个字符）：
blind-row = { $strategy }：{ $outcomes }；评级 { $levels }
blind-stopped = ，{ $count } 次中断
blind-strategy-place = 总选第 { $place } 个选项
blind-strategy-longest = 总选最长的选项
blind-strategy-shortest = 总选最短的选项
blind-strategy-random = 随机作答
blind-resolved = { $strategy }：{ $runs } 次中有 { $resolved } 次到达“已解决”结局
blind-many-p = { $strategy }：有 { $count } 项能力评为 P
blind-luck = { $strategy }：{ $runs } 次中有 { $resolved } 次到达“已解决”结局（{ $percent }%，纯靠运气约为 1%）
cli-explore-harm = 在有害选项 `{ $choice }` 之后仍到达“已解决”结局 `{ $ending }`：{ $path }
cli-explore-blind = 不看内容作答：{ $finding }
blind-outcome = { $outcome } { $count } 次
blind-list-separator = 、

## 识别：学员可以标记的屏幕内容，以及复盘如何报告标记。
spot-line = 这句话
spot-caller-id = 来电号码
spot-sender = 发件人
spot-subject = 主题
spot-body = 正文
spot-link = 链接
spot-title = 标题
spot-field = 字段“{ $field }”
cli-flagged = 已将 #{ $n }（{ $part }）标记为可疑
cli-flag-help = 标记可疑内容：flag 编号 [caller|sender|subject|body|link|title|字段名]；查看隐藏字段：reveal 字段名。
review-flagged-row = 标记为可疑 — { $part }：{ $what }
review-spotted = 你主动标记出的危险信号
review-false-alarms = 误报（标记了，但不是危险信号）
review-sustain-spotted = 你主动识别出了危险信号“{ $flag }”
review-improve-false-alarms = 有 { $count } 处标记并非危险信号：标记之前先想清楚它可疑在哪里
## 数据最小化：查看隐藏字段。
review-reveals = 你查看过的隐藏字段
review-justified = 有必要
review-unjustified = 没有必要
review-unassessed = 未评估
review-improve-reveal = 你在不必要时查看了“{ $field }”：{ $why }
## 书面回答：每个检查项如何评分。
review-model-answer = 参考答案
review-covered-by = 由“{ $words }”覆盖
review-graded-by = 由 { $who } 确认
review-changed-by = 由 { $who } 评定（自动评分：{ $was }）
review-automatic = 自动
grade-negated = 被“{ $word }”否定
grade-too-short = 这句话除了这几个词之外没有说任何内容
grade-keyword-list = 这是关键词罗列，不是陈述
grade-copied = 抄自题目
grade-question = 这是提问，不是陈述
grade-refused = “{ $clause }”中的“{ $words }”不计分：{ $why }
cli-grade-answer = 第 { $decision } 个决策（`{ $node }`），书面回答：
cli-grade-old = 该回答的评分早于可确认的检查项评分：无需评定
cli-grade-none = 这次演练没有书面回答。
cli-graded = 已在 { $file } 中将第 { $decision } 个决策的检查项 `{ $item }` 评定为{ $verdict }
review-lost-spotting = 出现的 { $shown } 个危险信号中你主动标记了 { $spotted } 个；误报 { $false } 处
review-lost-reveal = 在{ $label }不必要地查看了“{ $field }”（−{ $cost }）
drill-flag-hint = 将{ $part }标记为可疑（按 F 标记最新一句）
drill-flagged = 已标记为可疑
drill-you-flagged = 你将{ $part }标记为可疑
review-grade-as = 以评估人身份评定：
review-grade-covered = 已覆盖
review-grade-not-covered = 未覆盖
review-jump-flags = 危险信号与查看记录
drill-flag-label = 标记{ $part }
cli-check-allowed = （另有 { $count } 条 { $kinds } 类警告未显示：--allow）
review-written = 你的书面回答与检查清单对照

# 考核页面与应用内的考核演练。
library-assessments = 考核
assess-app-title = 考核：{ $name }
assess-app-intro = 共 { $count } 个演练，由 { $trainee } 依次完成。计时不会停止：考核中的演练不能暂停。每个演练只按第一次为本考核所做的成绩计算。全部演练完成后才公布结果和复盘。
assess-app-held-back = 全部演练完成前，结果和复盘暂不公布。
assess-app-played = 已完成
assess-app-review = 查看复盘
assess-app-start = 开始第一个演练：{ $title }
assess-app-next = 开始下一个演练：{ $title }
assess-app-back = 返回演练库
assess-app-no-curriculum = 剧本文件夹中没有课程文件（{ $file }）
assess-app-all-done = 本考核的演练已全部完成
assess-app-missing = 本考核的演练 `{ $drill }` 不在演练库中，或无法载入
drill-assessment = 考核：{ $name }
drill-assessment-hint = 本演练计入考核：不能暂停，全部演练完成后才能查看复盘。
drill-no-pause = 考核中的演练不能暂停。
app-assessment-not-saved = 演练未能保存，已作为中断的演练保留在数据文件夹中。{ $error }
library-assessment-open = 进入考核

# 团队演练投票（复盘中）。
team-votes-heading = 团队投票
team-votes-answer = 团队的回答
team-votes-alignment = 一致程度
team-votes-votes = 投票
team-vote = { $member }：{ $option }
team-vote-sure = { $member }：{ $option }（确定）
team-vote-not-sure = { $member }：{ $option }（不确定）
team-votes-expert = 专家答案
team-votes-chose-expert = 选了专家答案的成员
team-votes-sure-wrong = 确定但选错的成员
team-votes-none = 没有回答：时间已到
team-votes-majority = 多数票
team-votes-lead-broke-tie = 平票，由组长决定
team-votes-facilitator-broke-tie = 平票，由主持人决定
team-votes-timed-out = 时间已到
team-vote-unified = 意见一致
team-vote-split = 意见分歧
team-vote-divided = 意见分散
team-votes-summary = 整场演练的一致程度：意见一致 { $unified } 次，意见分歧 { $split } 次，意见分散 { $divided } 次（一致：至少 60% 的票投给同一选项；分歧：40%–59%；分散：低于 40%）。
team-votes-answer-how = { $answer }（{ $how }）
app-review-held-back = 这次演练的复盘暂不公布：{ $trainee } 还没有完成它所属的考核。
app-team-held-back = 有 { $count } 个考核中的演练暂不列出，等学员完成整套考核后再显示（hotwash review 和 hotwash assess 可以查看）。
app-assessment-resume-first = 有一个考核演练被中断：请先继续完成它（不能丢弃或重新开始）。
app-assessment-no-stop = 考核中的演练不能终止。

# 复盘中的角色扮演：扮演者的即兴台词，学员口头回答及其对应选项。
review-ad-lib = { $who }（即兴）：{ $text }
review-matched-row = 口头作答，对应选项：{ $choice }
review-matched = 口头作答，对应选项
review-you-matched = 你口头作答，对应选项：{ $choice }
library-assessment-row = { $name }：{ $standing }

# hotwash host 与 hotwash join：在终端进行的现场场次。
cli-host-needs-scenario = 请指定要主持的剧本，或用 --resume 给出场次文件夹
cli-session-mode-facilitated = 主持人引导演练
cli-session-mode-team = 团队演练
cli-session-mode-role-play = 角色扮演
cli-session-facilitator = 主持人
cli-host-heading = 场次 { $code } —《{ $title }》（{ $mode }）
cli-host-address = 正在 { $address } 监听
cli-host-join-with = 参与者加入方式：hotwash join { $address } --code { $code } --name "姓名"
cli-host-saved-in = 每一步之后场次都会保存到 { $file }
cli-host-commands-facilitated = 命令：console · guide · who · pause [姓名] · resume [姓名] · inject 编号 [姓名] · note 姓名 内容 · end · help
cli-host-commands-team = 命令：who · inject 编号 · tie N（打破平票）· close（按已投票数定案）· help
cli-host-commands-role-play = 命令：who · said · adlib 内容 · match N · nudge（由你扮演来电者）· help
cli-host-joined = { $name } 已加入
cli-host-rejoined = { $name } 重新加入，从原处继续
cli-host-turned = 已拒绝 { $name } 加入：{ $why }
cli-host-left = { $name } 连接中断
cli-host-started = 人已到齐：演练开始
cli-host-refused = 已拒绝 { $who } 的请求：{ $why }
cli-host-malformed = 已丢弃来自 { $who } 的消息：{ $why }
cli-host-drill-ended = { $name } 的演练已结束
cli-host-connected = 已连接：{ $names }
cli-host-no-such-option = `{ $option }` 不是可选项之一
cli-host-unknown-command = `{ $line }` 不是此处可用的命令（输入 help）
cli-host-no-debriefs = 没有完成的演练：无演练记录可写
cli-console-at = 第 { $n } 个决策 `{ $node }`
cli-console-done = 已完成
cli-console-paused = 已暂停
cli-console-stuck = 卡住
cli-console-row = console { $name } · { $at } · { $time } · 识别 { $caught } · 遗漏 { $missed } · 造成损害 { $harm }{ $marks }
cli-guide-row = guide `{ $node }` · 专家答案 { $expert } · 危险信号 { $flags }
cli-join-joining = 正在以 { $name } 的身份加入 { $address }……
cli-join-part-trainee = 你来进行这次演练
cli-join-part-member = 你与团队一起投票
cli-join-part-lead = 你与团队一起投票并担任组长（平票时以你的票为准）
cli-join-part-role-player = 你扮演来电者：角色卡如下
cli-join-welcome = 已加入：《{ $title }》— { $part }
cli-join-back = 已重新连接：演练从原处继续
cli-join-refused = 主持人拒绝了请求：{ $why }
cli-join-turned = 主持人拒绝你加入：{ $why }
cli-join-no-answer = 无法加入 { $address }：该场次代码没有回应（{ $why }）；请核对主持人屏幕上的地址和代码
cli-join-lost = 连接中断（{ $why }）；正在重试……
cli-join-gave-up = 无法连接主持人；你目前的演练进度保存在 { $file }
cli-join-waiting = 正在等待 { $names }
cli-join-tie = { $options } 平票：由组长或主持人裁决
cli-join-team-decision = 团队在 `{ $node }` 的决定：{ $votes } → { $answer } · { $alignment }
cli-join-ended-early = 你的演练尚未结束，主持人已结束场次；你目前的演练进度保存在 { $file }
cli-card-heading = 角色卡
cli-card-who = 你扮演 { $name }
cli-card-wants = 目的：{ $wants }
cli-card-say = 台词：“{ $line }”
cli-card-direction = 表演提示：{ $direction }
cli-card-flags = 要埋下的危险信号：{ $flags }
cli-card-pushback = 若学员质疑：{ $pushback }
