import { Button, Result } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { govOpsApi, govOpsKeys } from '../../api/governance-ops';
import { PageSpin } from '../../components/PageSpin';
import { useLabel } from '../../components/useLabel';
import { useI18n } from '../../i18n/I18nProvider';
import './minutes-print.css';

/** 会议纪要: a joint meeting's minutes on an A4 sheet; the toolbar is not printed. */
export default function MinutesPrintPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const label = useLabel();
  const m = useQuery({ queryKey: govOpsKeys.meeting(id), queryFn: () => govOpsApi.meeting(id) });
  if (m.isPending) return <PageSpin />;
  if (!m.data) return <Result status="404" title={t('go.noData')} />;
  const v = m.data;
  return (
    <div className="go-print-page">
      <div className="go-print-toolbar">
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('go.meeting.print')}
        </Button>
        <a href={govOpsApi.minutesUrl(v.id)}>{t('go.meeting.docx')}</a>
      </div>
      <article className="go-sheet" data-testid="minutes">
        <h1>
          {v.title} {t('go.meeting.minutes')}
        </h1>
        <p>
          {t('go.meeting.heldOn')}：{v.heldOn} · {t('go.unit')}：{v.orgUnitName}
        </p>
        <p>
          {t('go.meeting.departments')}：{v.departments.map((d) => label('department', d)).join('、')}
        </p>
        <h2>{t('go.meeting.topics').replace(/（.*）|\(.*\)/, '')}</h2>
        <ol>
          {v.topics.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ol>
        <h2>{t('go.meeting.decisions').replace(/（.*）|\(.*\)/, '')}</h2>
        <ol>
          {v.decisions.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ol>
        <h2>{t('go.meeting.items')}</h2>
        <table>
          <thead>
            <tr>
              <th>{t('go.meeting.item')}</th>
              <th>{t('go.owner')}</th>
              <th>{t('go.dueOn')}</th>
              <th>{t('go.status')}</th>
            </tr>
          </thead>
          <tbody>
            {v.actionItems.map((a) => (
              <tr key={a.id}>
                <td>{a.title}</td>
                <td>{a.ownerName}</td>
                <td>{a.dueOn}</td>
                <td>{label('actionItemStatus', a.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </article>
    </div>
  );
}
