import { useEffect } from 'react';
import { Button, Result } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { assistanceApi, assistanceKeys } from '../../api/assistance';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { useMe } from '../../api/me';
import { PageSpin } from '../../components/PageSpin';
import '../supervision/print.css';

/**
 * 打印 the 一人一策 plan (issue 12 item 2): one version as the recovery-plan part of the paper
 * file, on A4 — the person and unit, the needs as assessed when it was written, each action with
 * its goal, owner and due date, the approval, and the signature lines.
 */
export default function PrintPlanPage() {
  const { personId = '' } = useParams();
  const [params] = useSearchParams();
  const version = params.get('version') ? Number(params.get('version')) : undefined;
  const { t, pick } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const demo = useMe().data?.demo ?? false;
  const q = useQuery({ queryKey: assistanceKeys.planPrint(personId, version), queryFn: () => assistanceApi.planPrint(personId, version) });
  const d = q.data;

  useEffect(() => {
    if (!d) return;
    const before = document.title;
    document.title = `${t('as.print.title')}-${d.person.name}-v${d.plan.version}`;
    return () => {
      document.title = before;
    };
  }, [d, t]);

  const back = () => navigate(`/persons/${personId}?tab=assistance`);
  if (q.isPending) return <PageSpin />;
  if (q.isError || !d) {
    return (
      <Result status="404" title={q.error instanceof ApiError ? pick(q.error.messages) : t('as.print.notFound')} extra={<Button onClick={back}>{t('as.print.back')}</Button>} />
    );
  }
  const plan = d.plan;
  const needs = d.needs?.needs.filter((n) => n.level !== 'none') ?? [];
  return (
    <div className="sv-print-page">
      <div className="sv-print-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={back}>
          {t('as.print.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('as.print.print')}
        </Button>
      </div>
      <article className="sv-sheet" data-testid="plan-sheet">
        {demo && <div className="sv-demo-mark">{t('header.demo')}</div>}
        <h1>{t('as.print.title')}</h1>
        <div className="sv-sheet-meta">
          <span>
            {t('as.print.unit')}
            {t('common.colon')}
            {d.person.orgUnitName}
          </span>
          <span>
            {t('as.print.version')}
            {t('common.colon')}
            {plan.version} · {plan.createdAt.slice(0, 10)}
          </span>
        </div>
        <table className="sv-form">
          <tbody>
            <tr>
              <th>{t('as.print.person')}</th>
              <td>{d.person.name}</td>
              <th>{t('as.print.createdBy')}</th>
              <td>{d.createdByName ?? '—'}</td>
            </tr>
            <tr>
              <th>{t('as.print.status')}</th>
              <td>
                {label('planStatus', plan.status)}
                {plan.approvedByName ? ` · ${plan.approvedByName} ${plan.approvedAt?.slice(0, 10) ?? ''}` : ''}
              </td>
              <th>{t('as.plan.review')}</th>
              <td>{plan.reviewDate}</td>
            </tr>
            <tr>
              <th>{t('as.print.needs')}</th>
              <td colSpan={3}>
                {d.needs ? `${d.needs.assessedOn}：` : '—'}
                {needs.map((n) => `${label('assistanceNeed', n.need)}（${label('needLevel', n.level)}${n.note ? `，${n.note}` : ''}）`).join('；')}
              </td>
            </tr>
          </tbody>
        </table>
        <h2 style={{ fontSize: 16, margin: '12px 0 4px' }}>{t('as.print.actions')}</h2>
        <table className="sv-form" data-testid="plan-sheet-actions">
          <thead>
            <tr>
              <th>{t('as.plan.need')}</th>
              <th>{t('as.plan.goal')}</th>
              <th>{t('as.plan.action')}</th>
              <th>{t('as.plan.owner')}</th>
              <th>{t('as.plan.due')}</th>
              <th>{t('as.plan.status')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.actions.map((a) => (
              <tr key={a.id}>
                <td>{label('assistanceNeed', a.need)}</td>
                <td>{a.goal}</td>
                <td>{a.action}</td>
                <td>{a.partnerName ?? label('actionOwner', a.owner)}</td>
                <td>{a.dueDate}</td>
                <td>
                  {label('actionStatus', a.status)}
                  {a.closedOn ? ` ${a.closedOn}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="sv-signatures">
          {(['as.print.signPerson', 'as.print.signWorker', 'as.print.signStreet', 'as.print.date'] as const).map((k) => (
            <div key={k} className="sv-sign">
              <span>
                {t(k)}
                {t('common.colon')}
              </span>
              <span />
            </div>
          ))}
        </div>
      </article>
    </div>
  );
}
