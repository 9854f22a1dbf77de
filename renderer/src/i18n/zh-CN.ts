// Every string a person reads, in the duty room's language. en.ts mirrors these keys;
// the i18n test fails when the two drift apart.
import type { Channel, IncidentState, Role } from '../../../shared/domain';
import type { ErrorCode } from '../../../shared/errors';
import type { WindowKind } from '../../../shared/windows';
export const zhCN = {
  app: {
    brand: 'DutyDeck 指挥中心',
    loading: '正在连接指挥中心…',
    restoreRetry: '指挥中心暂不可达，稍后自动重试',
  },
  window: {
    seat: '坐席',
    command: '指挥台',
    'wall-map': '大屏 · 地图',
    'wall-video': '大屏 · 视频',
    'wall-board': '大屏 · 态势',
  },
  role: {
    operator: '坐席员',
    commander: '指挥长',
    regionHead: '区域长',
    wall: '大屏',
    admin: '管理员',
    unit: '处置单位',
    integration: '对接系统',
  },
  topBar: {
    language: 'English',
    languageLabel: '切换到英文界面',
    logout: '退出登录',
    user: '当前用户',
  },
  outbox: {
    title: '待发与冲突',
    intakePending: '主站暂不可达：已存入本席待发队列（#{{id}}），恢复连接后自动提交',
    refused: '主站拒绝：{{reason}}',
    dismiss: '知道了',
    pendingCount: '待发 {{count}}',
    conflictCount: '冲突 {{count}}',
    degraded: '主站离线',
    syncStopped: '同步已停止',
    state: { pending: '待发', conflict: '冲突' },
    command: {
      'incident.report': '受理',
      'incident.triage': '分拨',
      'incident.dispatch': '派遣',
      'incident.feedback': '反馈',
      'incident.resolve': '办结',
      'incident.acceptClosure': '验收',
      'incident.cancel': '撤销',
      'incident.reopen': '重启',
    },
  },
  link: {
    online: '在线',
    connecting: '连接中',
    offline: '离线',
    lastContact: '最后联络 {{time}}',
    never: '尚未联络',
  },
  login: {
    title: '登录',
    subtitle: '基层治理综合信息指挥中心',
    username: '用户名',
    password: '密码',
    submit: '登录',
    submitting: '登录中…',
  },
  channel: {
    hotline12345: '12345热线',
    police110: '110联动',
    fire119: '119火警',
    cityManagement: '数字城管',
    gridApp: '网格员上报',
    iot: '物联感知',
    videoAi: '视频智能',
    walkIn: '来访',
    phone: '来电',
  },
  state: {
    reported: '新上报',
    triaged: '已研判',
    dispatched: '已派遣',
    accepted: '已签收',
    onScene: '已到场',
    resolved: '已处置',
    closed: '已办结',
    merged: '已合并',
    returned: '已退回',
    cancelled: '已撤销',
    reopened: '已重启',
  },
  queue: {
    title: '事件队列',
    openCount: '待办 {{count}} 件',
    empty: '暂无待办事件',
    loading: '正在载入事件…',
    time: '时间',
    channel: '渠道',
    category: '类别',
    titleColumn: '标题',
    place: '地址 / 坐标',
    state: '状态',
    id: '编号',
    newArrival: '新事件',
  },
  intake: {
    title: '人工受理',
    channel: '渠道',
    category: '类别',
    incidentTitle: '标题',
    description: '描述',
    address: '地址',
    lon: '经度',
    lat: '纬度',
    coordinatesHint: '经纬度可选（WGS-84），地址与坐标至少填一项',
    reporterName: '报告人',
    reporterPhone: '联系电话',
    submit: '受理',
    submitting: '提交中…',
    shortcut: 'Ctrl+Enter',
    accepted: '受理成功：{{id}}',
    acceptedNoId: '受理成功',
    retryHint: '可直接重试，不会重复受理',
    needPlace: '地址与坐标至少填写一项',
    notAllowed: '当前角色不能受理事件',
  },
  board: {
    title: '事件态势',
    open: '待办事件',
    byState: '按状态',
    clock: '当前时间',
  },
  map: {
    title: '事件地图',
    tooltipTime: '时间：{{time}}',
    legend: '图例',
    noWebgl: '此显示器无法启用 WebGL，地图不可用',
    loading: '正在载入镇区底图…',
    loadFailed: '镇区底图载入失败，稍后自动重试',
    layersTitle: '图层',
    layer: {
      emergency: '应急圈',
      jointEnforcement: '联勤圈',
      grid: '网格',
      places: '场所平安码',
      cameras: '监控点位',
      units: '处置力量',
      incidents: '待办事件',
    },
    safetyCode: { green: '绿码', blue: '蓝码', yellow: '黄码', orange: '橙码', red: '红码' },
    cameraKind: { street: '道路监控', highPoint: '高点监控', site: '工地监控', droneDock: '无人机机巢' },
    unitStatus: { available: '空闲', busy: '执勤中', offline: '离线' },
    unitKind: { team: '联勤组', station: '应急管理站', gridWorker: '网格员' },
    placeKind: { enterprise: '企业', site: '工地' },
    priority: { P1: '特急', P2: '紧急', P3: '一般', P4: '较缓', none: '未定级' },
    card: {
      category: '类别',
      state: '状态',
      priority: '等级',
      time: '时间',
      safetyCode: '平安码',
      kind: '类型',
      status: '状态',
      department: '部门',
      close: '关闭',
      placeGroup: '{{count}} 个场所',
      placeGroupHint: '放大地图查看各场所',
      overdue: '已超时',
      isNew: '新事件',
    },
  },
  video: {
    emptyTitle: '尚未配置视频源',
    emptyBody: '本指挥中心尚未接入任何摄像头。接入视频源后，所选监控画面将在此处显示。',
  },
  error: {
    invalid: '输入有误',
    malformedJson: '请求格式错误',
    bodyTooLarge: '提交内容过大',
    unsupportedMediaType: '不支持的内容类型',
    unauthenticated: '登录已失效，请重新登录',
    badCredentials: '用户名或密码错误',
    forbidden: '无权执行此操作',
    needsCommander: '此操作需要指挥长批准',
    outsideRegion: '超出您负责的区域',
    notYourUnit: '只能以本单位身份操作',
    illegalState: '事件当前状态不允许此操作',
    feedbackRequired: '办结前需先提交处置反馈',
    notFound: '未找到该记录',
    conflict: '当前状态不允许此操作',
    methodNotAllowed: '不支持的请求',
    unavailable: '指挥中心暂不可用，请检查网络后重试',
    overloaded: '指挥中心繁忙，请稍后重试',
    internal: '指挥中心内部错误，请联系管理员',
    field: '（字段：{{field}}）',
  },
  field: {
    payload_channel: '渠道',
    payload_category: '类别',
    payload_title: '标题',
    payload_description: '描述',
    payload_address: '地址',
    payload_location: '经纬度',
    payload_location_lon: '经度',
    payload_location_lat: '纬度',
    payload_reporter_name: '报告人',
    payload_reporter_phone: '联系电话',
    username: '用户名',
    password: '密码',
  },
  watermark: '{{name}} {{time}}',
};

/** The shape every language must provide: same keys, any strings. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zhCN>;

// A new code, role, channel, state or window kind in shared/ fails the compile here until
// it has words.
type Covers<Names extends string, Group> = [Names] extends [keyof Group] ? true : false;
type Assert<T extends true> = T;
export type _EverythingNamed = Assert<
  Covers<ErrorCode, typeof zhCN.error> extends true
    ? Covers<Role, typeof zhCN.role> extends true
      ? Covers<Channel, typeof zhCN.channel> extends true
        ? Covers<IncidentState, typeof zhCN.state> extends true
          ? Covers<WindowKind, typeof zhCN.window>
          : false
        : false
      : false
    : false
>;
