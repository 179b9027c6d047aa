# 场景文件的诊断信息（`hotwash check`、应用的演练库）：引擎所用语言。
diag-random-empty = 随机项 `{ $name }` 没有任何选项
diag-random-empty-hint = 至少给出一条文本
diag-random-range = 随机项 `{ $name }` 的范围从 { $lo } 递减到 { $hi }
diag-random-range-hint = 把较小的数写在前面
