// Chinese and English: the browser's language picks one (navigator.language), the header's
// control switches it and remembers the choice. Texts are looked up by key; missing keys show the key.
const texts = {
  en: {
    brand: 'Complaints console', language: 'Language', signIn: 'Sign in', signOut: 'Sign out',
    userName: 'User name', signInTitle: 'Sign in to the staff console',
    signInDev: 'Development sign-in: pick a sample staff user (local profile only).',
    signInOidc: 'Sign in with your organisation account', signInNone: 'No sign-in is configured for this gateway.',
    navWork: 'My work', navNew: 'New complaint', navApprovals: 'Approvals', navFollowUps: 'Follow-ups',
    navReport: 'Monthly report', loading: 'Loading…', empty: 'Nothing here.',
    myWork: 'My work', myCases: 'Cases and tasks', notifications: 'Unread notifications', markRead: 'Mark read',
    dueIn: 'due in', overdueBy: 'overdue by', atRisk: 'at risk', breached: 'breached', onTrack: 'on track',
    owner: 'Owner', state: 'State', level: 'Level', site: 'Site', deadline: 'Deadline', task: 'Task',
    receivedByMe: 'received by me', open: 'Open', caseTitle: 'Case', complaintAsFiled: 'The complaint as filed',
    channel: 'Channel', customer: 'Customer', content: 'Content', demand: 'Demand', receivedAt: 'Received',
    linked: 'Linked complaints', promises: 'Open promises', agreements: 'Agreements', timeline: 'Timeline',
    clocks: 'Clocks', escalations: 'Escalations', steps: 'Steps you may take now', noSteps: 'No step is open to you now.',
    otherSteps: 'Other steps open to you (not yet in the console)', messages: 'Messages', message: 'Message to the customer',
    send: 'Send', reason: 'Reason', note: 'Note', compensation: 'Compensation options', followUps: 'Follow-ups',
    status: 'Status', amount: 'Amount', requiredRole: 'Needs', approvalDue: 'Approval due', decisions: 'Decisions',
    rootCause: 'Root cause', rootCauseCode: 'Root cause code', defectCorrection: 'Correction of the defect',
    measure: 'Long-term measure (CAPA)', measureOwner: 'Measure owner', measureDue: 'Measure due date',
    rework: 'Rework done', vague: 'Vague wording the tenant refuses', person: 'Responsible person',
    department: 'Department', domain: 'Responsible domain', to: 'Escalate to',
    'step.HAND_OVER': 'Hand over', 'step.ACCEPT': 'Accept', 'step.ASSIGN': 'Assign', 'step.CONTACT': 'Record contact',
    'step.LOG_CONTACT': 'Record contact', 'step.INVESTIGATE': 'Start investigation', 'step.RESOLVE': 'Resolve',
    'step.CLOSE': 'Close', 'step.REOPEN': 'Reopen', 'step.URGE': 'Record urging', 'step.ESCALATE': 'Escalate',
    'step.MESSAGE': 'Send message', 'step.PROPOSE': 'Propose a solution', 'step.OFFER': 'Offer the solution',
    'step.AGREE': 'Record the agreement', 'step.IMPLEMENT': 'Record implementation', 'step.ACCEPT_LIABILITY': 'Accept liability',
    'step.RAISE_LEVEL': 'Raise level', 'step.FLAG': 'Flag the customer', 'step.SAFETY_ALERT': 'Raise a safety alert',
    'step.PARAPHRASE': 'Record a paraphrase', flag: 'Flag', paraphrase: 'What the customer said, in your words',
    confirmed: 'Customer confirmed', completeTask: 'Complete task', evidence: 'Evidence', tasks: 'Tasks',
    approvals: 'Approvals inbox', budgets: 'Site budgets this month', limit: 'Limit', spent: 'Spent',
    remaining: 'Remaining', myAuthority: 'My authority', approve: 'Approve', reject: 'Reject', kind: 'Kind',
    proposer: 'Proposed by', followUpsToday: 'Follow-ups for today', later: 'Later', dueToday: 'Due today or overdue',
    reached: 'Reached', notReached: 'Not reached', attempts: 'Attempts', satisfaction: 'Satisfaction',
    resolvedQ: 'Problem solved', comment: 'Comment', saveOutcome: 'Save outcome', type: 'Type',
    report: 'Monthly report', month: 'Month', region: 'Region', show: 'Show', downloadCsv: 'Download CSV',
    total: 'Complaints', casesTotal: 'Cases', byChannel: 'By channel', byLevel: 'By level',
    byDepartment: 'By department', sla: 'SLA compliance', met: 'met', satisfactionRate: 'Satisfaction rate',
    averageSatisfaction: 'Average satisfaction', topRootCauses: 'Top root causes', count: 'Count',
    newComplaint: 'New complaint', customerName: 'Customer name', phone: 'Phone', demandKind: 'Demand kind',
    demandText: 'What the customer asks for', vin: 'Vehicle VIN', plate: 'Plate', orderNumber: 'Order number',
    file: 'File complaint', filed: 'Complaint filed', saved: 'Saved', failed: 'Refused', all: 'all',
    round: 'Round', back: 'Back to my work', phrasesNote: 'Banned phrases are shown as you type; the check on sending is final and its findings stay with the message.',
    blocked: 'this tenant refuses such a message',
    findings: 'Phrase check', due: 'Due', propose: 'Propose a remedy', rationale: 'Rationale',
    customerWants: 'What the customer asked for', dayUnit: 'd',
    'step.REQUEST_APPROVAL': 'Request approval', 'step.OFFER_REJECTED': 'Offer rejected',
    'step.FOLLOW_UP_SATISFIED': 'Follow-up satisfied', 'step.FOLLOW_UP_UNSATISFIED': 'Follow-up unsatisfied',
    'step.WITHDRAW': 'Withdrawn', 'step.NOT_ESTABLISHED': 'Not established', 'step.VALIDATE': 'Found valid',
    'step.LETTER': 'Send reply letter', 'step.APPROVE_STATEMENT': 'Decide a statement', 'step.OPEN': 'Opened',
    'step.COMPLETE_TASK': 'Complete task',
    'state.REGISTERED': 'Registered', 'state.HANDED_OVER': 'Handed over', 'state.ACCEPTED': 'Accepted',
    'state.RESPONDED': 'Responded', 'state.INVESTIGATING': 'Investigating', 'state.SOLUTION_PROPOSED': 'Solution proposed',
    'state.PENDING_APPROVAL': 'Pending approval', 'state.AWAITING_CUSTOMER_CONSENT': 'Awaiting customer consent',
    'state.AGREED': 'Agreed', 'state.IMPLEMENTING': 'Implementing', 'state.RESOLVED': 'Resolved',
    'state.FOLLOW_UP': 'Follow-up', 'state.CLOSED': 'Closed', 'state.CLOSED_NOT_ESTABLISHED': 'Closed, not established',
    'state.SECOND_HANDLING': 'Second handling',
    'letter.receipt': '1. Receipt of the complaint', 'letter.mistake': '2. The mistake admitted',
    'letter.explanation': '3. The problem explained', 'letter.adjustmentHow': '4. How we put it right',
    'letter.adjustmentWhen': '4. When we put it right', 'letter.nonRecurrence': '5. How it will not happen again',
    'letter.apology': '6. Apology', mistakeNote: 'Before liability is accepted section 2 may stay empty; an admission there is flagged (CM-04).',
    statement: 'Statement waiting for approval', decision: 'Decision',
    'msg.AWAITING_APPROVAL': 'awaiting approval', 'msg.WITHHELD': 'withheld',
    validity: 'Judge validity', validQ: 'Is the complaint valid?', valid: 'Valid', notEstablished: 'Not established',
    reply: 'Tactful reply to the customer', validityNote: 'Not established closes the case.',
    consent: "Customer's answer", answer: 'Answer', option: 'Option', accepts: 'Customer accepts', declines: 'Customer declines',
    wantsInstead: 'What the customer wants instead', conflict: 'The talk turned into a conflict',
    delivery: 'Record delivery', reference: 'Payment or delivery reference', deliveredAt: 'Delivered at',
    agreed: 'Agreed', delivered: 'Delivered',
  },
  zh: {
    brand: '投诉管理控制台', language: '语言', signIn: '登录', signOut: '退出',
    userName: '用户名', signInTitle: '登录员工控制台',
    signInDev: '开发环境登录：选择一个示例员工（仅限 local 配置）。',
    signInOidc: '使用单位账号登录', signInNone: '此网关未配置登录方式。',
    navWork: '我的工作', navNew: '新建投诉', navApprovals: '审批', navFollowUps: '回访',
    navReport: '月度报告', loading: '加载中…', empty: '暂无内容。',
    myWork: '我的工作', myCases: '案件与任务', notifications: '未读通知', markRead: '标为已读',
    dueIn: '剩余', overdueBy: '已超时', atRisk: '即将超时', breached: '已超时', onTrack: '正常',
    owner: '负责人', state: '状态', level: '级别', site: '门店', deadline: '时限', task: '任务',
    receivedByMe: '我受理的', open: '打开', caseTitle: '案件', complaintAsFiled: '投诉原始记录',
    channel: '渠道', customer: '客户', content: '内容', demand: '诉求', receivedAt: '受理时间',
    linked: '关联投诉', promises: '未兑现承诺', agreements: '协议', timeline: '时间线',
    clocks: '时限', escalations: '升级', steps: '您现在可执行的步骤', noSteps: '您当前没有可执行的步骤。',
    otherSteps: '您可执行的其他步骤（控制台暂未提供）', messages: '消息', message: '发给客户的消息',
    send: '发送', reason: '原因', note: '备注', compensation: '补偿方案', followUps: '回访',
    status: '状态', amount: '金额', requiredRole: '需审批人', approvalDue: '审批期限', decisions: '审批记录',
    rootCause: '根本原因', rootCauseCode: '原因代码', defectCorrection: '缺陷纠正',
    measure: '长期措施（CAPA）', measureOwner: '措施负责人', measureDue: '措施完成日期',
    rework: '已返工', vague: '租户不接受的笼统措辞', person: '责任人',
    department: '部门', domain: '责任领域', to: '升级给',
    'step.HAND_OVER': '移交', 'step.ACCEPT': '接单', 'step.ASSIGN': '指派', 'step.CONTACT': '记录联系',
    'step.LOG_CONTACT': '记录联系', 'step.INVESTIGATE': '开始调查', 'step.RESOLVE': '解决',
    'step.CLOSE': '结案', 'step.REOPEN': '重新打开', 'step.URGE': '记录催促', 'step.ESCALATE': '升级',
    'step.MESSAGE': '发送消息', 'step.PROPOSE': '提出解决方案', 'step.OFFER': '向客户提出方案',
    'step.AGREE': '记录协议', 'step.IMPLEMENT': '记录执行', 'step.ACCEPT_LIABILITY': '承担责任',
    'step.RAISE_LEVEL': '提升级别', 'step.FLAG': '标记客户', 'step.SAFETY_ALERT': '发出安全警报',
    'step.PARAPHRASE': '记录复述', flag: '标记', paraphrase: '用您的话复述客户的意思',
    confirmed: '客户已确认', completeTask: '完成任务', evidence: '完成依据', tasks: '任务',
    approvals: '审批收件箱', budgets: '本月门店预算', limit: '额度', spent: '已用',
    remaining: '剩余', myAuthority: '我的权限', approve: '批准', reject: '驳回', kind: '类型',
    proposer: '提出人', followUpsToday: '今日回访', later: '以后', dueToday: '今日到期或已逾期',
    reached: '已联系上', notReached: '未联系上', attempts: '尝试次数', satisfaction: '满意度',
    resolvedQ: '问题已解决', comment: '评语', saveOutcome: '保存结果', type: '类型',
    report: '月度报告', month: '月份', region: '区域', show: '查看', downloadCsv: '下载 CSV',
    total: '投诉数', casesTotal: '案件数', byChannel: '按渠道', byLevel: '按级别',
    byDepartment: '按部门', sla: '时限达成', met: '达成', satisfactionRate: '满意率',
    averageSatisfaction: '平均满意度', topRootCauses: '主要根本原因', count: '数量',
    newComplaint: '新建投诉', customerName: '客户姓名', phone: '电话', demandKind: '诉求类型',
    demandText: '客户诉求', vin: '车架号', plate: '车牌', orderNumber: '订单号',
    file: '提交投诉', filed: '投诉已提交', saved: '已保存', failed: '被拒绝', all: '全部',
    round: '轮次', back: '返回我的工作', phrasesNote: '输入时即提示禁用语；发送时由服务器最终检查，结果随消息保存。',
    blocked: '本租户将拒绝发送此类消息',
    findings: '用语检查', due: '到期', propose: '提出补偿方案', rationale: '理由',
    customerWants: '客户要求', dayUnit: '天',
    'step.REQUEST_APPROVAL': '提交审批', 'step.OFFER_REJECTED': '客户拒绝方案',
    'step.FOLLOW_UP_SATISFIED': '回访满意', 'step.FOLLOW_UP_UNSATISFIED': '回访不满意',
    'step.WITHDRAW': '客户撤诉', 'step.NOT_ESTABLISHED': '投诉不成立', 'step.VALIDATE': '投诉成立',
    'step.LETTER': '发送答复函', 'step.APPROVE_STATEMENT': '审核对外文字', 'step.OPEN': '立案',
    'step.COMPLETE_TASK': '完成任务',
    'state.REGISTERED': '已登记', 'state.HANDED_OVER': '已移交', 'state.ACCEPTED': '已接单',
    'state.RESPONDED': '已响应', 'state.INVESTIGATING': '分析原因中', 'state.SOLUTION_PROPOSED': '已提出处理方案',
    'state.PENDING_APPROVAL': '待审批', 'state.AWAITING_CUSTOMER_CONSENT': '征求客户意见',
    'state.AGREED': '已达成处理协议', 'state.IMPLEMENTING': '实施处理方案', 'state.RESOLVED': '解决处理完成',
    'state.FOLLOW_UP': '回访', 'state.CLOSED': '已关闭', 'state.CLOSED_NOT_ESTABLISHED': '不成立关闭',
    'state.SECOND_HANDLING': '二次处理',
    'letter.receipt': '1. 确认收到投诉', 'letter.mistake': '2. 承认过失',
    'letter.explanation': '3. 说明问题', 'letter.adjustmentHow': '4. 如何纠正',
    'letter.adjustmentWhen': '4. 何时纠正', 'letter.nonRecurrence': '5. 如何避免再次发生',
    'letter.apology': '6. 致歉', mistakeNote: '承担责任之前第 2 项可留空；在此承认过失会被标记（CM-04）。',
    statement: '待审核的对外文字', decision: '决定',
    'msg.AWAITING_APPROVAL': '待审核', 'msg.WITHHELD': '已撤回',
    validity: '判定投诉是否成立', validQ: '投诉是否成立？', valid: '成立', notEstablished: '不成立',
    reply: '给客户的委婉答复', validityNote: '不成立将关闭案件。',
    consent: '客户意见', answer: '答复', option: '方案', accepts: '客户同意', declines: '客户不同意',
    wantsInstead: '客户希望我们怎么做', conflict: '沟通已出现冲突',
    delivery: '记录兑现', reference: '付款或交付凭证号', deliveredAt: '兑现时间',
    agreed: '已同意', delivered: '已兑现',
  },
};

const stored = localStorage.getItem('console.lang');
let current = stored || ((navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en');

export function lang() {
  return current;
}

/** The user's choice, remembered in this browser. */
export function setLang(value) {
  apply(value);
  localStorage.setItem('console.lang', current);
}

function apply(value) {
  current = texts[value] ? value : 'en';
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
}

export function t(key) {
  return texts[current][key] ?? texts.en[key] ?? key;
}

/** A case state's or step's name ('state', 'REGISTERED'); the raw value when no dictionary has one. */
export function term(kind, value) {
  const key = `${kind}.${value}`;
  return texts[current][key] ?? texts.en[key] ?? value;
}

apply(current);
