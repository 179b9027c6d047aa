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

outcome-resolved = 已妥善处置
outcome-partially-resolved = 部分处置
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
briefing-timed = 部分决策有时限：进度条走完时，演练会按超时继续。
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

review-title = 复盘：{ $title }
review-facts = { $trainee } · { $duration } · 种子 { $seed } · { $started }
review-ratings = 各项能力评级
review-competency = 能力
review-rating = 评级
review-points = 得分
review-why = 原因
review-scale = P 完全胜任 · S 基本胜任 · M 明显不足 · U 无法完成
review-q1 = 1. 应当发生什么
review-expert-path = 专家路径
review-q2 = 2. 实际发生了什么
review-time = 时间
review-what = 事件
review-response = 反应时间
review-q3 = 3. 为什么会这样
review-answered-in = 用时 { $seconds }
review-you-chose = 你的选择：{ $choice }
review-timed-out = （超时）
review-expert-would = 专家路径：{ $choice }
review-flags-caught = 识别出的危险信号：{ $count }
review-flags-missed = 漏掉的危险信号：{ $count }
review-report = 你的事件报告与检查清单对照
review-empty = （空）
review-q4 = 4. 应保持什么、应改进什么
review-sustain = 保持
review-improve = 改进
review-plan = 改进计划
review-follow-ups = 后续演练
review-notes = 评估员备注
review-open-html = 打开可打印的复盘
review-open-md = 打开 Markdown
review-not-saved = 演练无法保存：{ $why }。它仍作为进行中的演练保留。
review-replay = 再练一次，相同种子（{ $seed }）
review-retry = 再练一次，新种子
review-back = 返回演练库
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

tour-report-description = 10:05 有来电者自称银行安全部门，索要验证码；我拒绝并结束了通话。
tour-report-scope = 涉及一个客户账户；未泄露验证码或银行卡信息。
tour-report-measures = 已标记账户，按档案号码回拨客户核实，并向安全团队登记了案件。
