import { Card, Flex, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { TodayView } from '../../api/supervision';
import type { MessageKey } from '../../i18n/zh-CN';
import { useI18n } from '../../i18n/I18nProvider';

/** Work of other modules that falls to me (issue 15: risk reviews, joint meetings' action items). */
export function TodayItems({ day }: { day: TodayView }) {
  const { t } = useI18n();
  if (!day.items.length) return null;
  return (
    <Card size="small" title={t('sv.withCount', { title: t('go.today.items'), n: day.items.length })} data-testid="today-items">
      <Flex vertical gap={8}>
        {day.items.map((i) => (
          <Flex key={`${i.kind}:${i.id}`} justify="space-between" gap={8}>
            <span>
              <Tag>{t(`go.today.kind.${i.kind}` as MessageKey)}</Tag>
              <Link to={i.link}>{i.title}</Link>
            </span>
            {i.overdue ? <Tag color="red">{i.dueOn}</Tag> : <span>{i.dueOn}</span>}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
