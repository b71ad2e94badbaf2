import { Button, Flex } from 'antd';
import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import type { PersonView } from '../../api/persons';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { PersonFacts } from './PersonFacts';
import { AssignmentCard } from './AssignmentCard';

/** 基本信息: the file's details (masked), unmask and edit, and who is responsible. */
export function PersonBasicTab({ person, onUnmask, onEdit }: { person: PersonView; onUnmask: () => void; onEdit: () => void }) {
  const { t } = useI18n();
  const can = useCan();
  return (
    <Flex vertical gap={16}>
      {(can('person.pii.read') || can('person.write')) && (
        <Flex wrap gap={8}>
          {can('person.pii.read') && (
            <Button icon={<EyeOutlined />} onClick={onUnmask}>
              {t('person.unmask')}
            </Button>
          )}
          {can('person.write') && (
            <Button icon={<EditOutlined />} onClick={onEdit}>
              {t('common.edit')}
            </Button>
          )}
        </Flex>
      )}
      <PersonFacts person={person} />
      <AssignmentCard person={person} />
    </Flex>
  );
}
