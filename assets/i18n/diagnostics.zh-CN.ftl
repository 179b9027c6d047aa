# 剧本文件的诊断信息（`hotwash check`、应用的演练库）：引擎所用语言。

## src/engine/validate.rs
diag-random-empty = 随机项 `{ $name }` 没有任何选项
diag-random-empty-hint = 至少给出一条文本
diag-random-range = 随机项 `{ $name }` 的范围从 { $lo } 递减到 { $hi }
diag-random-range-hint = 把较小的数写在前面
diag-too-many-nodes = 剧本有 { $count } 个节点；最多允许 { $max } 个
diag-start-missing = 起始节点 `{ $start }` 不存在
diag-start-at-ending = 演练的起点是一个结局
diag-start-at-ending-hint = 起点应为节点
diag-node-and-ending = `{ $id }` 既是节点又是结局
diag-node-and-ending-hint = 节点和结局共用同一组 id
diag-format-unknown = 此版本的 Hotwash 不认识格式 { $format }
diag-format-unknown-hint = 此版本读取格式 { $version }
diag-scenario-id-unusable = 剧本 id `{ $id }` 不能用于文件名
diag-scenario-id-unusable-hint = 只能使用小写字母、数字、`-` 和 `_`
diag-scenario-id-too-long = 剧本 id 长 { $length } 个字符；复盘文件名中最多容纳 { $max } 个
diag-scenario-id-too-long-hint = 用几个词组成简短的 id，例如 `bank-security-call`
diag-language-unsupported = 不支持语言 `{ $language }`
diag-language-unsupported-hint = 应为 `en` 或 `zh-CN`
diag-zero-minutes = 演练的预计时长为 0 分钟
diag-no-objectives = 剧本没有学习目标
diag-no-objectives-hint = 添加 `objectives: ["…"]`；复盘会对照学习目标进行比较
diag-bad-placeholder = 占位符有误：{ $problem }
diag-placeholder-unopened = `{"}"}` 缺少与之配对的 `{"{"}`（字面花括号请写作 `{"}}"}`）
diag-placeholder-unclosed = `{"{"}` 缺少与之配对的 `{"}"}`（字面花括号请写作 `{"{{"}`）
diag-placeholder-bad-name = `{"{"}{ $name }{"}"}` 不是有效的占位符名称（只能使用字母、数字和 `_`）
diag-placeholder-unfilled = 占位符 `{"{"}{ $name }{"}"}` 从未被填充
diag-placeholder-unfilled-hint = 请在 `random` 下声明它；{ $hint }
diag-not-declared = { $what } `{ $id }` 未声明
diag-shown-id-long = { $start }…（共 { $count } 个字符）
diag-target-missing = `{ $id }` 既不是节点也不是结局
diag-next-no-arms = `next` 没有任何分支：演练会停在这里
diag-next-no-arms-hint = 在列表末尾加一个不带 `when` 的分支，例如 `(to: "partial")`
diag-next-last-arm-conditional = `next` 的最后一个分支带有条件：所有条件都不成立时，演练将无处可去
diag-next-last-arm-conditional-hint = 在列表末尾加一个不带 `when` 的分支
diag-next-arm-unconditional = `next` 的第 { $arm } 个分支没有条件，因此其后的分支永远不会被选中
diag-next-arm-unconditional-hint = 只有最后一个分支可以不带 `when`
diag-competency-undeclared = 能力项 `{ $id }` 未声明
diag-competency-undeclared-hint = { $hint }；其他能力项请在 `competencies` 下声明
diag-node-dead-end = 节点 `{ $id }` 既没有 `choices`、`input`，也没有 `next`：演练会停在这里
diag-node-dead-end-hint = 添加 `choices` 或 `input`，或用 `next` 指向一个结局
diag-node-several-ways = 节点 `{ $id }` 同时有 `choices`、`input`、`next` 中的多项
diag-keep-one = 只保留一项
diag-timeout-no-choices = 节点 `{ $id }` 设有时间限制，但没有选项
diag-timeout-no-choices-hint = 时间限制应设在决策点上
diag-timeout-zero = 0 秒的时间限制不可能满足
diag-all-choices-conditional = `{ $id }` 的每个选项都带有 `when`：所有条件都不成立时，演练会停住，无选项可选
diag-all-choices-conditional-hint = 保留一个不带 `when` 的选项，或运行 `hotwash explore` 查看这种情况是否可能发生
diag-decision-unscored = `{ $id }` 处的决策点不计任何分数
diag-decision-unscored-hint = 为选项设置 `scores`，以便复盘对其评级
diag-injects-skipped = 节点 `{ $id }` 直接转到 `next`，因此它的插入事件永远不会出现
diag-injects-skipped-hint = 把插入事件放在等待选择或作答的节点上
diag-inject-twice = 插入事件 `{ $inject }` 在节点 `{ $node }` 中出现了两次
diag-inject-never = 插入事件 `{ $inject }` 永远不会出现
diag-inject-never-hint = 为它设置 `after: <seconds>` 或 `when: <condition>`
diag-no-checklist = 书面作答没有检查清单
diag-no-checklist-hint = 列出好的回答应涵盖的要点，以便评分
diag-checklist-twice = 检查项 `{ $item }` 出现了两次
diag-checklist-no-keywords = 检查项 `{ $item }` 没有关键词，因此永远不会被覆盖
diag-section-ignored = 自由文本作答没有分节；`section` 将被忽略
diag-link-no-domain = 链接没有域名
diag-link-scheme = 链接打开的是 `{ $scheme }:` 地址；消息中的链接应为网址
diag-link-scheme-hint = 写出链接实际打开的地址，以 http:// 或 https:// 开头
diag-choice-twice = 选项 id `{ $id }` 被使用了两次
diag-choice-twice-hint = 它也出现在节点 `{ $node }` 中；选项 id 在一个剧本内必须唯一
diag-choice-no-feedback = 选项 `{ $id }` 没有反馈
diag-choice-no-feedback-hint = 说明它为什么对或错；复盘会显示这段说明
diag-choice-leads-nowhere = 选项 `{ $id }` 没有去向
diag-choice-leads-nowhere-hint = 为它设置 `next` 或 `branch`
diag-choice-next-and-branch = 选项 `{ $id }` 同时有 `next` 和 `branch`
diag-branch-zero-weight = 随机分支需要正数权重
diag-branch-zero-weight-hint = 权重是相对值：1 和 3 表示四次中有一次
# 已声明事物的种类，用于 `diag-not-declared` 和 `diag-id-too-long`。
diag-kind-cast-member = 角色
diag-kind-red-flag = 危险信号
diag-kind-reference = 参考资料
diag-kind-variable = 变量
diag-kind-competency = 能力项
diag-kind-random-value = 随机项
diag-kind-ending = 结局
diag-kind-choice-id = 选项 id
diag-kind-node-id = 节点 id
diag-kind-inject-id = 插入事件 id
diag-kind-checklist-item = 检查项

## src/engine/validate/conditions.rs
diag-type-bool = 布尔值
diag-type-integer = 整数
diag-type-text = 文本
diag-type-condition = 此条件把 `{ $var }` 当作{ $expected }，但它是{ $actual }
diag-type-comparison = 此比较把 `{ $var }` 当作{ $expected }，但它是{ $actual }
diag-type-effect = 此效果把 `{ $var }` 当作{ $expected }，但它是{ $actual }
diag-type-add = `Add` 把 `{ $var }` 当作{ $expected }，但它是{ $actual }
diag-visited-ending = `{ $node }` 是结局：一旦到达，演练即告结束，因此该条件永远不成立
diag-visited-ending-hint = 请写演练途中会经过的节点
diag-choice-missing = 选项 `{ $id }` 不存在
diag-checklist-item-missing = 没有哪个书面作答含有检查项 `{ $item }`

## src/engine/validate/cues.rs
diag-option-longer = `{ $id }` 处最佳选项的长度是其余选项中最长者的 { $ratio } 倍：长度暴露了答案
diag-option-longer-hint = 缩短它，或给错误选项同样多的细节（`--allow option-length` 可隐藏此警告）
diag-option-longest-share = 在 { $decisions } 个决策点中，有 { $longest } 个的最佳选项最长（{ $percent } %）：总选最长的选项就能通过
diag-option-longest-share-hint = 变换最长的选项；最佳选项最长的决策点最多应占 40 %（`--allow option-length` 可隐藏此警告）

## src/engine/validate/graph.rs
diag-node-unreachable = 节点 `{ $id }` 无法从起点 `{ $start }` 到达
diag-node-unreachable-hint = 让某个选项或 `next` 指向它，或删除它
diag-node-no-ending = 从节点 `{ $id }` 无法到达任何结局
diag-node-no-ending-hint = 每条路径都必须通向结局；循环需要出口
diag-ending-unreachable = 结局 `{ $id }` 无法从起点到达
diag-red-flag-never-caught = 危险信号 `{ $id }` 从未被任何选项识别
diag-red-flag-never-caught-hint = 把它加入能识别它的那些选项的 `catches`
diag-red-flag-never-shown = 危险信号 `{ $id }` 从未出现在任何节点或插入事件中
diag-red-flag-never-shown-hint = 在它出现的环节的 `red_flags` 中列出它
diag-competency-unscored = 能力项 `{ $id }` 从未被计分
diag-reference-uncited = 参考资料 `{ $id }` 从未被引用

## src/engine/validate/limits.rs
diag-too-large = { $what } { $value } 超出了演练可用的范围（最多 { $limit }）
diag-limit-seconds = { $seconds } 秒
diag-limit-a-day = { $max }，即一天
diag-limit-score = 分数
diag-limit-weight = 权重
diag-limit-addition = 增量
diag-limit-value = 取值
diag-limit-queue = 队列数值
diag-limit-cost = 代价
diag-limit-start-value = 初始值
diag-limit-bound = 边界值
diag-limit-time-limit = 时间限制
diag-limit-delay = 延迟
diag-limit-checklist-points = 检查项分值
diag-id-too-long = { $what } `{ $start }…` 长 { $length } 个字符；id 最多 { $max } 个字符
diag-text-too-long = 文本长 { $length } 个字符；一句台词、一条消息或一段反馈最多 { $max } 个字符
diag-text-too-long-hint = 学员每分钟约读 240 个词：把它拆到几个环节中，或只保留学员需要的内容
diag-detail-too-long = 随机细节长 { $length } 个字符；一个名字、号码或日期最多 { $max } 个字符
diag-too-many-injects = 该环节有 { $count } 个插入事件；最多 { $max } 个
diag-too-many-injects-hint = 拆分该环节：学员无法应付这么多打断
diag-phrase-too-long = 检查短语长 { $length } 个字符；短语只应有几个词（最多 { $max } 个字符）

## src/engine/validate/marks.rs
diag-spots-flag-absent = 危险信号 `{ $flag }` 设有 `spots`，但不在该环节的 `red_flags` 中
diag-spots-flag-absent-hint = 把它也列入 `red_flags`，或删除它的 `spots`
diag-spot-no-field = 该环节没有任何 CRM 记录含有字段 `{ $label }`
diag-spot-no-field-hint = 按记录中所写的标签指明字段
diag-reveal-unmasked = 字段 `{ $field }` 未被遮蔽，因此永远不会被查看
diag-reveal-unmasked-hint = 添加 `sensitive: true`，或删除该规则
diag-reveal-negative-cost = 查看的代价是扣除的分数：请写成正数
diag-reveal-no-feedback = 查看规则没有反馈
diag-reveal-no-feedback-hint = 说明为什么不需要查看该字段；复盘会显示这段说明

## src/engine/load.rs
diag-not-utf8 = 文件不是 UTF-8 文本
diag-not-utf8-hint = 请将剧本保存为 UTF-8（二进制文件和其他编码的文件都不是剧本）
diag-file-unreadable = 无法读取文件：{ $error }
diag-file-too-large = 文件大小为 { $size } 字节；剧本文件最多 { $max } 字节（16 MiB）
diag-file-too-large-hint = 把演练拆成几个较小的剧本
diag-file-empty = 文件是空的
diag-file-empty-hint = 可从 `hotwash new <id>` 或 docs/scenario-format.md 中的示例开始
diag-duplicate-key = `{ $key }` 在 `{ $map }` 中写了两次
diag-duplicate-key-hint = 第一次出现在第 { $line } 行；id 必须唯一
diag-too-deep = 文件的嵌套层数超出了剧本允许的范围
diag-too-deep-hint = 按读取器的计法最多 { $max } 层：每个括号算一层，每个带内容的条件或值（`Not(…)`、`Some(…)`）算两层，因此大约可以相互嵌套 55 个条件
diag-syntax-eof-hint = 文件提前结束：有括号或引号没有闭合
diag-syntax-string-end-hint = 字符串没有闭合：缺少结尾的 `"`
diag-syntax-comma-hint = 缺少字段之间的 `,` 或右括号
diag-syntax-missing-field-hint = 添加 `{ $field }: …`（参见 docs/scenario-format.md）

## src/engine/path.rs（课程文件检查）
diag-curriculum-unreadable = 无法读取课程文件：{ $error }
diag-curriculum-format = 课程文件格式 { $format } 无法识别；此版本读取格式 { $version }
diag-curriculum-track-twice = 路径 `{ $track }` 出现了两次
diag-curriculum-track-no-name = 路径 `{ $track }` 缺少 `{ $lang }` 名称
diag-curriculum-track-no-levels = 路径 `{ $track }` 没有任何级别
diag-curriculum-level-no-name = 路径 `{ $track }` 的第 { $level } 个级别缺少 `{ $lang }` 名称
diag-curriculum-level-no-drills = 路径 `{ $track }` 的第 { $level } 个级别没有任何演练
diag-curriculum-level-unknown-drill = 路径 `{ $track }` 的第 { $level } 个级别引用了演练 `{ $drill }`，但演练库中没有该演练
diag-curriculum-no-tracks = 课程文件没有任何路径
diag-curriculum-placement-unknown-drill = 分级测评集引用了演练 `{ $drill }`，但演练库中没有该演练
diag-curriculum-assessment-no-name = 考核 `{ $assessment }` 缺少 `{ $lang }` 名称
diag-curriculum-assessment-unknown-drill = 考核 `{ $assessment }` 引用了演练 `{ $drill }`，但演练库中没有该演练
diag-curriculum-assessment-no-seeds = 考核 `{ $assessment }` 没有任何种子

## src/engine/diag.rs
diag-render-hint = 提示：{ $hint }
diag-did-you-mean = 是否想写 `{ $name }`？
diag-none-declared = 尚未声明任何项
diag-list-sep = 、
diag-expected-one-of = 应为以下之一：{ $list }
diag-expected-one-of-more = 应为以下之一：{ $list }，另有 { $more } 项未列出
diag-hand-inject-twice = 主持人插入事件 `{ $inject }` 被声明了两次
diag-hand-inject-timed = 主持人插入事件 `{ $inject }` 带有 `{ $field }`，但它由主持人手动发送
diag-hand-inject-timed-hint = 去掉 `after` 和 `when`，或把它移到应当出现的节点的 `injects` 中
diag-hand-inject-clash = 主持人插入事件 `{ $inject }` 与节点 `{ $node }` 中的插入事件同名
diag-too-many-hand-injects = 剧本有 { $count } 个主持人插入事件；最多 { $max } 个
