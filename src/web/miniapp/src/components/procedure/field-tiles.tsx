import { useNavigate } from 'zmp-ui';
import type { Field } from '../../services/types';
import { FieldIcon } from '../common/icons';

/** The fields (lĩnh vực) as big tiles, two per row. */
export function FieldTiles({ fields }: { fields: Field[] }) {
  const navigate = useNavigate();
  return (
    <ul className="tiles">
      {fields
        .filter((f) => f.count > 0)
        .map((f) => (
          <li key={f.id}>
            <button type="button" className={`tile tile-${f.id}`} onClick={() => navigate(`/linh-vuc/${f.id}`)}>
              <FieldIcon field={f.id} />
              <span className="tile-label">{f.label}</span>
            </button>
          </li>
        ))}
    </ul>
  );
}
