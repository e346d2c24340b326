import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('opens on the demo sign-in page listing the configured example users', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: {
              title: 'Test',
              demoSignIn: {
                users: [
                  { name: 'nina.kowalski', description: 'Security lead' },
                  { name: 'dana.lee', description: 'Customer Care lead' },
                ],
              },
            },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByRole('button', { name: 'Sign in as nina.kowalski' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as dana.lee' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Customer Care lead')).toBeInTheDocument();
  });
});
