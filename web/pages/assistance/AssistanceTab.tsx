import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { PersonView } from '../../api/persons';
import { assistanceApi, assistanceKeys, type AssistanceTab as Tab } from '../../api/assistance';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { AssessModal } from './AssessModal';
import { PlanModal } from './PlanModal';
import { ReferModal } from './ReferModal';
import { ServiceModal } from './ServiceModal';
import { CheckModal } from './CheckModal';
import { ReliefModal } from './ReliefModal';

type Dialog = 'assess' | 'plan' | 'refer' | 'service' | { check: string; months: number[] } | { relief: string; submittedOn: string } | null;

/** Item 7: needs, plan, referrals and services of one person on one page. */
export function AssistanceTab({ person }: { person: PersonView }) {
  const { t } = useI18n();
  const can = useCan();
  const tab = useQuery({ queryKey: assistanceKeys.tab(person.id), queryFn: () => assistanceApi.tab(person.id) });
  const partners = useQuery({ queryKey: assistanceKeys.partners({}), queryFn: () => assistanceApi.partners({}) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const write = can('assistance.write');
  if (!tab.data) return <Card loading />;
  const data = tab.data;
  const list = partners.data?.items ?? [];
  const close = () => setDialog(null);
  return (
    <Flex vertical gap={12} data-testid="assistance-tab">
      {write && (
        <Flex wrap gap={8}>
          <Button icon={<PlusOutlined />} onClick={() => setDialog('assess')}>
            {t('as.needs.assess')}
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => setDialog('plan')}>
            {t('as.plan.new')}
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => setDialog('refer')}>
            {t('as.ref.new')}
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => setDialog('service')}>
            {t('as.svc.new')}
          </Button>
        </Flex>
      )}
      <NeedsCard tab={data} />
      <PlanCard tab={data} personId={person.id} />
      <ReferralsCard tab={data} />
      <ServicesCard
        tab={data}
        onCheck={write ? (check, months) => setDialog({ check, months }) : undefined}
        onRelief={write ? (relief, submittedOn) => setDialog({ relief, submittedOn }) : undefined}
      />
      {dialog === 'assess' && <AssessModal personId={person.id} onClose={close} />}
      {dialog === 'plan' && <PlanModal personId={person.id} tab={data} partners={list} onClose={close} />}
      {dialog === 'refer' && <ReferModal personId={person.id} tab={data} partners={list} onClose={close} />}
      {dialog === 'service' && <ServiceModal personId={person.id} onClose={close} />}
      {typeof dialog === 'object' && dialog !== null && 'check' in dialog && <CheckModal personId={person.id} serviceId={dialog.check} months={dialog.months} onClose={close} />}
      {typeof dialog === 'object' && dialog !== null && 'relief' in dialog && (
        <ReliefModal personId={person.id} serviceId={dialog.relief} submittedOn={dialog.submittedOn} onClose={close} />
      )}
    </Flex>
  );
}

function NeedsCard({ tab }: { tab: Tab }) {
  const { t } = useI18n();
  const label = useLabel();
  const latest = tab.assessments[0];
  const color = { none: 'default', some: 'gold', severe: 'red' } as const;
  return (
    <Card
      size="small"
      title={t('as.needs.title')}
      extra={tab.reassessmentDue && <Typography.Text type="secondary">{t('as.needs.due', { date: tab.reassessmentDue })}</Typography.Text>}
      data-testid="assistance-needs"
    >
      {latest ? (
        <>
          <Typography.Paragraph type="secondary">
            {t('as.needs.assessedOn')}：{latest.assessedOn} · {t('as.needs.by')}：{latest.assessedByName ?? '—'}
          </Typography.Paragraph>
          <Space wrap>
            {latest.needs
              .filter((n) => n.level !== 'none')
              .map((n) => (
                <Tag key={n.need} color={color[n.level]}>
                  {label('assistanceNeed', n.need)} · {label('needLevel', n.level)}
                  {n.note ? `：${n.note}` : ''}
                </Tag>
              ))}
          </Space>
        </>
      ) : (
        <Typography.Text type="secondary">{t('as.needs.none')}</Typography.Text>
      )}
      {tab.visitNeeds.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          {t('as.needs.visit')}：{tab.visitNeeds.map((n) => label('assistanceNeed', n)).join('、')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function PlanCard({ tab, personId }: { tab: Tab; personId: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const can = useCan();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const approve = useMutation({
    mutationFn: (id: string) => assistanceApi.approvePlan(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assistanceKeys.tab(personId) }),
    onError: (e) => notify.error(e),
  });
  const plan = tab.plan;
  return (
    <Card
      size="small"
      title={t('as.plan.title')}
      data-testid="assistance-plan"
      extra={
        plan && (
          <Space>
            <Tag color={plan.status === 'approved' ? 'green' : 'gold'}>{label('planStatus', plan.status)}</Tag>
            {plan.status === 'draft' && can('assistance.approve') && (
              <Button size="small" icon={<CheckOutlined />} loading={approve.isPending} onClick={() => approve.mutate(plan.id)}>
                {t('as.plan.approve')}
              </Button>
            )}
            <Link to={`/print/plan/${personId}`} target="_blank">
              <Button size="small" icon={<PrinterOutlined />}>
                {t('as.plan.print')}
              </Button>
            </Link>
          </Space>
        )
      }
    >
      {plan ? (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 3 }}
            items={[
              { key: 'v', label: t('as.plan.title'), children: t('as.plan.version', { n: plan.version, total: tab.planVersions }) },
              { key: 'r', label: t('as.plan.review'), children: plan.reviewDate },
              { key: 'a', label: t('as.plan.approved'), children: plan.approvedByName ? `${plan.approvedByName} · ${plan.approvedAt?.slice(0, 10)}` : '—' },
            ]}
          />
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: true }}
            dataSource={plan.actions}
            columns={[
              { title: t('as.plan.need'), dataIndex: 'need', render: (n: string) => label('assistanceNeed', n) },
              { title: t('as.plan.goal'), dataIndex: 'goal' },
              { title: t('as.plan.action'), dataIndex: 'action' },
              { title: t('as.plan.owner'), key: 'owner', render: (_, a) => a.partnerName ?? label('actionOwner', a.owner) },
              { title: t('as.plan.due'), dataIndex: 'dueDate' },
              {
                title: t('as.plan.status'),
                key: 'status',
                render: (_, a) => (
                  <Tag color={a.status === 'done' ? 'green' : 'blue'}>
                    {label('actionStatus', a.status)}
                    {a.closedOn ? ` ${a.closedOn}` : ''}
                  </Tag>
                ),
              },
            ]}
          />
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('as.plan.none')} />
      )}
      {tab.visitNeeds.length > 0 && (
        <Space wrap style={{ marginTop: 8 }} data-testid="assistance-open-needs">
          <Typography.Text type="secondary">{t('as.plan.openNeed')}：</Typography.Text>
          {tab.visitNeeds.map((n) => (
            <Tag key={n} color="orange">
              {label('assistanceNeed', n)}
            </Tag>
          ))}
        </Space>
      )}
      {tab.planHistory.length > 1 && (
        <Space wrap style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('as.plan.history')}：</Typography.Text>
          {tab.planHistory.map((v) => (
            <Link key={v.id} to={`/print/plan/${personId}?version=${v.version}`} target="_blank">
              {t('as.plan.version', { n: v.version, total: tab.planVersions })} · {label('planStatus', v.status)}
            </Link>
          ))}
        </Space>
      )}
    </Card>
  );
}

function ReferralsCard({ tab }: { tab: Tab }) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <Card size="small" title={t('as.ref.title')} data-testid="assistance-referrals">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('as.ref.none') }}
        dataSource={tab.referrals}
        columns={[
          { title: t('as.ref.partner'), dataIndex: 'partnerName' },
          { title: t('as.ref.need'), dataIndex: 'need', render: (n: string) => label('assistanceNeed', n) },
          { title: t('as.ref.purpose'), dataIndex: 'purpose' },
          {
            title: t('common.status'),
            key: 'status',
            render: (_, r) => (
              <Space>
                {<Tag>{label('referralStatus', r.status)}</Tag>}
                {r.stalled && <Tag color="red">{t('as.ref.stalled')}</Tag>}
              </Space>
            ),
          },
          { title: t('as.ref.respondBy'), dataIndex: 'respondBy' },
          { title: t('as.ref.outcome'), key: 'outcome', render: (_, r) => r.outcome ?? r.declineReason ?? '—' },
        ]}
      />
    </Card>
  );
}

function ServicesCard({
  tab,
  onCheck,
  onRelief,
}: {
  tab: Tab;
  onCheck?: (serviceId: string, months: number[]) => void;
  onRelief?: (serviceId: string, submittedOn: string) => void;
}) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <Card size="small" title={t('as.svc.title')} data-testid="assistance-services">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('as.svc.none') }}
        dataSource={tab.services}
        columns={[
          { title: t('as.svc.date'), dataIndex: 'date' },
          { title: t('as.svc.kind'), dataIndex: 'kind', render: (k: string) => label('serviceKind', k) },
          { title: t('as.svc.provider'), key: 'provider', render: (_, s) => s.providerName ?? '—' },
          {
            title: t('as.svc.outcome'),
            key: 'outcome',
            render: (_, s) => (
              <>
                {s.outcome}
                {s.details.kind === 'relief' && (
                  <Flex gap={8} align="center" wrap data-testid="relief-decision">
                    <Typography.Text type="secondary">
                      {label('reliefDecision', s.details.decision)}
                      {s.details.decidedOn ? ` ${s.details.decidedOn}` : ''}
                      {s.details.amount !== undefined && s.details.decision === 'granted' ? ` · ¥${s.details.amount}` : ''}
                    </Typography.Text>
                    {onRelief && s.details.decision === 'pending' && (
                      <Button size="small" className="sf-tap" onClick={() => onRelief(s.id, (s.details as { submittedOn: string }).submittedOn)}>
                        {t('as.relief.decide')}
                      </Button>
                    )}
                  </Flex>
                )}
                {s.checks.length > 0 && (
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {t('as.check.made', {
                      list: s.checks.map((c) => `${t('as.tasks.month', { n: c.month })} ${c.checkedOn} ${c.employed ? t('as.check.yes') : t('as.check.no')}`).join('、'),
                    })}
                  </Typography.Text>
                )}
                {s.checksDue.length > 0 && (
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text type="secondary">
                      {t('as.check.due', { list: s.checksDue.map((c) => `${t('as.tasks.month', { n: c.month })} ${c.dueDate}`).join('、') })}
                    </Typography.Text>
                    {onCheck && (
                      <Button
                        size="small"
                        className="sf-tap"
                        onClick={() =>
                          onCheck(
                            s.id,
                            s.checksDue.map((c) => c.month),
                          )
                        }
                      >
                        {t('as.check.new')}
                      </Button>
                    )}
                  </Flex>
                )}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
